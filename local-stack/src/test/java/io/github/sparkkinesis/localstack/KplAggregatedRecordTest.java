package io.github.sparkkinesis.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

class KplAggregatedRecordTest {

    @Test
    void theKclDeaggregatesItIntoTheUserRecordsInOrder() {
        byte[] aggregate = new KplAggregatedRecord()
                .add("a", "first".getBytes(StandardCharsets.UTF_8))
                .add("b", "second".getBytes(StandardCharsets.UTF_8))
                .add("a", "third".getBytes(StandardCharsets.UTF_8))
                .toBytes();
        KinesisClientRecord kinesisRecord = KinesisClientRecord.builder()
                .data(ByteBuffer.wrap(aggregate))
                .partitionKey("a")
                .sequenceNumber("49590338271490256608559692538361571095921575989136588898")
                .approximateArrivalTimestamp(Instant.now())
                .build();

        List<KinesisClientRecord> userRecords = new AggregatorUtil().deaggregate(List.of(kinesisRecord));

        assertThat(userRecords).hasSize(3);
        assertThat(userRecords).extracting(KinesisClientRecord::subSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(userRecords).extracting(KinesisClientRecord::partitionKey).containsExactly("a", "b", "a");
        assertThat(userRecords).extracting(r -> StandardCharsets.UTF_8.decode(r.data()).toString())
                .containsExactly("first", "second", "third");
        assertThat(userRecords).allMatch(KinesisClientRecord::aggregated);
    }

    @Test
    void anEmptyAggregateIsRejected() {
        assertThatThrownBy(() -> new KplAggregatedRecord().toBytes()).isInstanceOf(IllegalStateException.class);
    }
}
