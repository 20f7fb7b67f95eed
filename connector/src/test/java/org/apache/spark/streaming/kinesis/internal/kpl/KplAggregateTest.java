package org.apache.spark.streaming.kinesis.internal.kpl;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

class KplAggregateTest {

    private static final String HASH_KEY = "170141183460469231731687303715884105728";

    @Test
    void theKclDeaggregatesItIntoTheUserRecordsInOrder() {
        KplAggregate aggregate = new KplAggregate(HASH_KEY);
        for (int i = 0; i < 300; i++) {
            aggregate.add("key-" + (i % 7), ("record-" + i).getBytes(StandardCharsets.UTF_8));
        }

        List<KinesisClientRecord> userRecords = new AggregatorUtil().deaggregate(List.of(KinesisClientRecord
                .fromRecord(Record.builder().partitionKey("key-0").sequenceNumber("1")
                        .data(SdkBytes.fromByteArray(aggregate.toBytes())).build())));

        assertThat(userRecords).hasSize(300);
        for (int i = 0; i < 300; i++) {
            KinesisClientRecord record = userRecords.get(i);
            assertThat(record.partitionKey()).isEqualTo("key-" + (i % 7));
            assertThat(StandardCharsets.UTF_8.decode(record.data()).toString()).isEqualTo("record-" + i);
            assertThat(record.subSequenceNumber()).isEqualTo(i);
            assertThat(record.explicitHashKey()).isEqualTo(HASH_KEY);
        }
    }

    @Test
    void noUserRecordIsDroppedByAShardThatHoldsTheAggregatesHashKey() {
        KplAggregate aggregate = new KplAggregate(HASH_KEY);
        // Partition keys whose own hash keys fall anywhere, inside the shard's range or not.
        for (int i = 0; i < 50; i++) {
            aggregate.add("anywhere-" + i, new byte[] {(byte) i});
        }
        BigInteger hashKey = new BigInteger(HASH_KEY);

        List<KinesisClientRecord> userRecords = new AggregatorUtil().deaggregate(List.of(KinesisClientRecord
                .fromRecord(Record.builder().partitionKey("anywhere-0").sequenceNumber("1")
                        .data(SdkBytes.fromByteArray(aggregate.toBytes())).build())), hashKey, hashKey);

        assertThat(userRecords).hasSize(50);
    }

    @Test
    void sizeWithIsTheExactSizeAfterAdding() {
        KplAggregate aggregate = new KplAggregate(HASH_KEY);
        for (int i = 0; i < 200; i++) {
            String key = "k" + (i % 13);
            byte[] data = new byte[i * 7];
            int expected = aggregate.sizeWith(key, data.length);

            aggregate.add(key, data);

            assertThat(aggregate.size()).isEqualTo(expected);
            assertThat(aggregate.toBytes()).hasSize(expected);
        }
    }
}
