package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.spark.streaming.kinesis.internal.scalacompat.ScalaInterop;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import org.junit.jupiter.api.Test;

class KinesisShardInputInfoTest {

    private static final KinesisShardInputInfo SHARD =
            new KinesisShardInputInfo("shardId-000000000003", 42, 21.0, 1_500);

    @Test
    void readsTheShardsOfAStreamsInputInformation() {
        StreamInputInfo input = new StreamInputInfo(7, 42,
                ScalaInterop.toScalaMap(Map.of(KinesisShardInputInfo.METADATA_KEY, List.of(SHARD))));

        assertThat(KinesisShardInputInfo.of(input)).containsExactly(SHARD);
    }

    @Test
    void anotherStreamsInputInformationHasNoShards() {
        StreamInputInfo input = new StreamInputInfo(7, 42, ScalaInterop.toScalaMap(Map.of("offsets", "1 to 5")));

        assertThat(KinesisShardInputInfo.of(input)).isEmpty();
    }

    @Test
    void anUnreportedLagIsEmpty() {
        KinesisShardInputInfo unknown = new KinesisShardInputInfo("shardId-000000000003", 1, 0.5, -1);

        assertThat(unknown.millisBehindLatest()).isEmpty();
        assertThat(SHARD.millisBehindLatest()).hasValue(1_500);
        assertThat(unknown.toString()).isEqualTo("shardId-000000000003: 1 records (0.5/s), lag not reported");
    }

    @Test
    void survivesSerialization() {
        assertThat(Serialization.roundTrip(SHARD)).isEqualTo(SHARD).hasSameHashCodeAs(SHARD);
    }
}
