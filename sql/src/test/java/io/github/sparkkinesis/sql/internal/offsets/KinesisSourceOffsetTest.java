package io.github.sparkkinesis.sql.internal.offsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.read.StartingPoint;
import org.junit.jupiter.api.Test;

class KinesisSourceOffsetTest {

    private static final KinesisSourceOffset OFFSET = new KinesisSourceOffset(Map.of(
            "orders", Map.of(
                    "shardId-000000000000", ShardPosition.after(new RecordPosition("4965012345678901234", 3)),
                    "shardId-000000000001", ShardPosition.startingAt(StartingPoint.trimHorizon()),
                    "shardId-000000000002", ShardPosition.startingAt(
                            StartingPoint.atTimestamp(Instant.parse("2026-11-30T10:00:00Z"))),
                    "shardId-000000000003", ShardPosition.ended()),
            "payments", Map.of("shardId-000000000000", ShardPosition.startingAt(StartingPoint.trimHorizon()))));

    @Test
    void theJsonIsReadableStreamThenShardThenPosition() {
        assertThat(OFFSET.json()).isEqualTo("{\"orders\":{"
                + "\"shardId-000000000000\":{\"after\":\"4965012345678901234\",\"sub\":3},"
                + "\"shardId-000000000001\":{\"at\":\"TRIM_HORIZON\"},"
                + "\"shardId-000000000002\":{\"at\":\"AT_TIMESTAMP\",\"timestamp\":\"2026-11-30T10:00:00Z\"},"
                + "\"shardId-000000000003\":{\"ended\":true}},"
                + "\"payments\":{\"shardId-000000000000\":{\"at\":\"TRIM_HORIZON\"}}}");
    }

    @Test
    void anOffsetReadBackEqualsTheOneWritten() {
        KinesisSourceOffset read = KinesisSourceOffset.fromJson(OFFSET.json());

        assertThat(read.streams()).isEqualTo(OFFSET.streams());
        assertThat(read.json()).isEqualTo(OFFSET.json());
        assertThat(read.position("orders", "shardId-000000000000").lastRead())
                .isEqualTo(new RecordPosition("4965012345678901234", 3));
        assertThat(read.position("orders", "shardId-000000000009")).isNull();
    }

    @Test
    void aLatestStartCannotBeAnOffsetPosition() {
        assertThatThrownBy(() -> ShardPosition.startingAt(StartingPoint.latest()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void somethingElseIsNotAnOffset() {
        assertThatThrownBy(() -> KinesisSourceOffset.fromJson("{\"orders\":{\"s\":{\"at\":\"NOW\"}}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Unknown shard position");
        assertThatThrownBy(() -> KinesisSourceOffset.fromJson("not json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a kinesis source offset");
    }
}
