package io.github.sparkkinesis.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SequenceNumbersTest {

    @Test
    void areFixedWidthDecimalsOrderedLikeTheRecords() {
        long[] indexes = {0, 1, 9, 10, 12_345, 9_999_999_999L, Long.MAX_VALUE};
        BigInteger previous = BigInteger.valueOf(-1);
        for (long index : indexes) {
            String sequenceNumber = SequenceNumbers.format(3, index);
            assertThat(sequenceNumber).hasSize(56).matches("49[0-9]{54}");
            BigInteger value = new BigInteger(sequenceNumber);
            assertThat(value).isGreaterThan(previous);
            previous = value;
            assertThat(SequenceNumbers.recordIndex(sequenceNumber, 3, "shardId-000000000003")).isEqualTo(index);
        }
    }

    @Test
    void fillRewritesOnlyTheRecordPart() {
        char[] buffer = SequenceNumbers.template(12);
        SequenceNumbers.fill(buffer, 987_654_321L);
        assertThat(new String(buffer)).isEqualTo(SequenceNumbers.format(12, 987_654_321L));
        SequenceNumbers.fill(buffer, 5);
        assertThat(new String(buffer)).isEqualTo(SequenceNumbers.format(12, 5));
    }

    @Test
    void rejectsNumbersOfOtherShardsOrOtherOrigins() {
        assertThatThrownBy(() -> SequenceNumbers.recordIndex(SequenceNumbers.format(2, 7), 3, "shardId-000000000003"))
                .isInstanceOf(KinesisServiceError.class);
        assertThatThrownBy(() -> SequenceNumbers.recordIndex("49590338271490256608559692538361571095921575989136588898",
                3, "shardId-000000000003")).isInstanceOf(KinesisServiceError.class);
        assertThatThrownBy(() -> SequenceNumbers.recordIndex("12", 3, "shardId-000000000003"))
                .isInstanceOf(KinesisServiceError.class);
    }
}
