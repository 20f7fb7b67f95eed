package io.github.sparkkinesis.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** The server's optional Kinesis limits, seen through an unmodified SDK client that does not retry. */
class ThroughputLimitsTest {

    @Test
    void aShardServesFiveReadsInASecondAndThrottlesTheSixth() {
        try (FastKinesisServer server = FastKinesisServer.start(0, 1, ThroughputLimits.KINESIS);
                KinesisClient client = noRetries(server)) {
            InMemoryStream stream = server.createStream("calls", 1);
            assertThat(stream.shards().get(0).firstReadNanos()).isEqualTo(-1);
            String iterator = iterator(client, "calls");
            for (int call = 0; call < 5; call++) {
                String current = iterator;
                iterator = client.getRecords(r -> r.shardIterator(current)).nextShardIterator();
            }
            String last = iterator;
            // Within one second of the first call (the SDK calls above take milliseconds on loopback).
            assertThatThrownBy(() -> client.getRecords(r -> r.shardIterator(last)))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
            assertThat(stream.shards().get(0).firstReadNanos()).isPositive();
            assertThat(server.throttledCalls()).containsEntry("GetRecords", 1L);
        }
    }

    @Test
    void aLargeAnswerThrottlesTheShardUntilItsByteRateIsPaidBack() {
        try (FastKinesisServer server = FastKinesisServer.start(0, 1, ThroughputLimits.KINESIS);
                KinesisClient client = noRetries(server)) {
            server.createStream("bytes", 1).preload(5, RecordPayloadGenerator.repeating(1024 * 1024));
            GetRecordsResponse answer = client.getRecords(r -> r.shardIterator(iterator(client, "bytes")));
            assertThat(answer.records()).hasSize(5);
            // 5 MiB at 2 MiB/s: the shard is throttled for 2.5 s, whatever the call count.
            assertThatThrownBy(() -> client.getRecords(r -> r.shardIterator(answer.nextShardIterator())))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
        }
    }

    @Test
    void listShardsBeyondTheStreamsRateIsALimitExceededError() {
        ThroughputLimits oneListPerSecond = new ThroughputLimits(5, 2L << 20, 5, 1, 20);
        try (FastKinesisServer server = FastKinesisServer.start(0, 1, oneListPerSecond);
                KinesisClient client = noRetries(server)) {
            server.createStream("listed", 2);
            assertThat(client.listShards(r -> r.streamName("listed")).shards()).hasSize(2);
            assertThatThrownBy(() -> client.listShards(r -> r.streamName("listed")))
                    .isInstanceOf(LimitExceededException.class);
            assertThat(server.throttledCalls()).containsEntry("ListShards", 1L);
        }
    }

    @Test
    void anUnlimitedServerNeverThrottles() {
        try (FastKinesisServer server = FastKinesisServer.start(0, 1);
                KinesisClient client = noRetries(server)) {
            server.createStream("free", 1);
            String iterator = iterator(client, "free");
            for (int call = 0; call < 20; call++) {
                String current = iterator;
                iterator = client.getRecords(r -> r.shardIterator(current)).nextShardIterator();
                client.listShards(r -> r.streamName("free"));
            }
            assertThat(server.throttledCalls()).isEmpty();
            assertThat(ThroughputLimits.UNLIMITED.enforced()).isFalse();
            assertThat(ThroughputLimits.KINESIS.enforced()).isTrue();
        }
    }

    private static String iterator(KinesisClient client, String stream) {
        return client.getShardIterator(r -> r.streamName(stream).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    private static KinesisClient noRetries(FastKinesisServer server) {
        return SdkClients.withoutRetries(server.endpoint());
    }
}
