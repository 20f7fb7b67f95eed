package io.github.sparkkinesis.localstack.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;

/**
 * What the pinned kinesis-mock (kinesis-local 0.6.2) itself does with enhanced fan-out, as the SDK's HTTP/2 client
 * sees it on its plain port: it registers consumers and streams records, but a shard that ends is never ended in
 * its subscriptions (no event without a continuation, no child shards), so a reader never gets to the children.
 * This is why the tests read through {@link FanOutKinesisServer}; if an upgrade makes this test fail, kinesis-mock
 * may be enough on its own.
 */
@ExtendWith(LocalStackExtension.class)
class KinesisMockSubscribeToShardTest {

    @Test
    void kinesisMockStreamsRecordsButNeverEndsASplitShard(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("mock-efo", 1);
        String shard = stack.streams().openShardIds(stream).get(0);
        List<ProducedRecord> produced = stack.streams().putRecords(stream, IntStream.range(0, 5)
                .mapToObj(i -> ("record-" + i).getBytes(StandardCharsets.UTF_8)).toList());
        try (KinesisAsyncClient kinesis = KinesisAsyncClient.builder().endpointOverride(stack.kinesisEndpoint())
                .region(LocalStack.REGION).credentialsProvider(LocalStack.CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)).build()) {
            String streamArn = kinesis.describeStreamSummary(b -> b.streamName(stream)).join()
                    .streamDescriptionSummary().streamARN();
            String consumer = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("probe"))
                    .join().consumer().consumerARN();
            ActiveConsumer.await(kinesis, consumer);

            SubscriptionProbe probe = SubscriptionProbe.subscribe(kinesis, consumer, shard,
                    StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON).build());
            assertThat(probe.awaitRecords(5)).extracting(Record::sequenceNumber).containsExactlyElementsOf(
                    produced.stream().map(ProducedRecord::sequenceNumber).toList());

            stack.streams().splitShard(stream, shard);
            int seenAtSplit = probe.seen().size();
            for (int i = 0; i < 3; i++) {
                probe.awaitEvent(event -> true);
            }
            List<SubscribeToShardEvent> afterSplit = probe.seen().subList(seenAtSplit, probe.seen().size());
            assertThat(afterSplit).allSatisfy(event -> {
                assertThat(event.continuationSequenceNumber()).isNotNull();
                assertThat(event.childShards()).isEmpty();
            });
            probe.cancel();
        }
    }
}
