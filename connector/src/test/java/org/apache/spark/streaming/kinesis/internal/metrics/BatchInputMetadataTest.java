package org.apache.spark.streaming.kinesis.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.streaming.kinesis.KinesisShardInputInfo;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;
import org.junit.jupiter.api.Test;

class BatchInputMetadataTest {

    private static final long BATCH_MILLIS = 2_000;

    private static SequenceNumberRanges block(String shardId, int records, Long millisBehindLatest) {
        RecordPosition position = new RecordPosition("100", 0);
        return SequenceNumberRanges.of(new SequenceNumberRange("orders", shardId, position, position, records),
                millisBehindLatest);
    }

    @Test
    void sumsRecordsPerShardAndKeepsTheNewestLag() {
        List<KinesisShardInputInfo> shards = BatchInputMetadata.shards(List.of(
                block("shardId-000000000001", 300, 9_000L),
                block("shardId-000000000000", 10, 0L),
                block("shardId-000000000001", 100, 1_000L)), BATCH_MILLIS);

        assertThat(shards).containsExactly(
                new KinesisShardInputInfo("shardId-000000000000", 10, 5.0, 0),
                new KinesisShardInputInfo("shardId-000000000001", 400, 200.0, 1_000));
    }

    @Test
    void aLagNotReportedLaterDoesNotHideAnEarlierOne() {
        List<KinesisShardInputInfo> shards = BatchInputMetadata.shards(List.of(
                block("shardId-000000000000", 1, 700L), block("shardId-000000000000", 1, null)), BATCH_MILLIS);

        assertThat(shards.get(0).millisBehindLatest()).hasValue(700);
    }

    @Test
    void theDescriptionHasOneLinePerShard() {
        Map<String, Object> metadata = BatchInputMetadata.of("orders", List.of(
                block("shardId-000000000000", 1_200, 0L), block("shardId-000000000001", 5, null)), BATCH_MILLIS);

        assertThat(metadata.get(BatchInputMetadata.DESCRIPTION_KEY)).isEqualTo("Kinesis stream orders\n"
                + "shardId-000000000000: 1200 records (600.0/s), 0 ms behind latest\n"
                + "shardId-000000000001: 5 records (2.5/s), lag not reported");
        assertThat(metadata.get(KinesisShardInputInfo.METADATA_KEY)).asList().hasSize(2);
    }

    @Test
    void aBatchWithoutRecordsSaysSo() {
        Map<String, Object> metadata = BatchInputMetadata.of("orders", List.of(), BATCH_MILLIS);

        assertThat(metadata.get(BatchInputMetadata.DESCRIPTION_KEY)).isEqualTo("Kinesis stream orders: no records");
        assertThat(metadata.get(KinesisShardInputInfo.METADATA_KEY)).asList().isEmpty();
    }

    @Test
    void theDescriptionKeyIsSparks() {
        assertThat(BatchInputMetadata.DESCRIPTION_KEY)
                .isEqualTo(org.apache.spark.streaming.scheduler.StreamInputInfo$.MODULE$.METADATA_KEY_DESCRIPTION());
    }

    @Test
    void aCombinedBlockCountsAndLagsPerShardPart() {
        List<KinesisShardInputInfo> shards = BatchInputMetadata.shards(List.of(SequenceNumberRanges.combine(List.of(
                block("shardId-000000000001", 300, 9_000L),
                block("shardId-000000000000", 10, 0L),
                block("shardId-000000000001", 100, 1_000L)))), BATCH_MILLIS);

        assertThat(shards).containsExactly(
                new KinesisShardInputInfo("shardId-000000000000", 10, 5.0, 0),
                new KinesisShardInputInfo("shardId-000000000001", 400, 200.0, 1_000));
    }
}
