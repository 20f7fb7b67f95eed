package io.github.sparkkinesis.localstack.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkkinesis.localstack.Eventually;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StartingPosition;

/** The fan-out server against the SDK's own HTTP/2 client, over kinesis-mock's records. */
@ExtendWith(LocalStackExtension.class)
class FanOutKinesisServerTest {

    private static FanOutKinesisServer server;
    private static KinesisAsyncClient kinesis;

    @BeforeAll
    static void startServer(LocalStack stack) {
        server = FanOutKinesisServer.start(stack.kinesisEndpoint(), FanOutServerSettings.defaults()
                .withResubscribeGuard(Duration.ofSeconds(2))
                .withMaxConsumersPerStream(3)
                .withRegisterCallsPerSecond(1_000));
        kinesis = client(Protocol.HTTP2);
    }

    @AfterAll
    static void stopServer() {
        kinesis.close();
        server.close();
    }

    private static KinesisAsyncClient client(Protocol protocol) {
        return KinesisAsyncClient.builder().endpointOverride(server.endpoint()).region(LocalStack.REGION)
                .credentialsProvider(LocalStack.CREDENTIALS)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(protocol))
                .build();
    }

    @Test
    void consumersAreRegisteredDescribedListedAndDeregistered(LocalStack stack) throws Exception {
        String streamArn = streamArn(stack, stack.streams().createUniqueStream("consumers", 1));

        Consumer registered = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app"))
                .join().consumer();

        assertThat(registered.consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
        assertThat(registered.consumerARN()).startsWith(streamArn + "/consumer/app:");
        assertThat(awaitActive(registered.consumerARN()).streamARN()).isEqualTo(streamArn);
        assertThat(kinesis.describeStreamConsumer(b -> b.streamARN(streamArn).consumerName("app")).join()
                .consumerDescription().consumerARN()).isEqualTo(registered.consumerARN());
        assertThat(kinesis.listStreamConsumers(b -> b.streamARN(streamArn)).join().consumers())
                .extracting(Consumer::consumerName).containsExactly("app");
        assertThatThrownBy(() -> kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app"))
                .join()).hasCauseInstanceOf(ResourceInUseException.class);

        kinesis.deregisterStreamConsumer(b -> b.consumerARN(registered.consumerARN())).join();
        assertThat(kinesis.describeStreamConsumer(b -> b.consumerARN(registered.consumerARN())).join()
                .consumerDescription().consumerStatus()).isEqualTo(ConsumerStatus.DELETING);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!kinesis.listStreamConsumers(b -> b.streamARN(streamArn)).join().consumers().isEmpty()) {
            assertThat(System.nanoTime()).as("consumer gone").isLessThan(deadline);
            Thread.onSpinWait();
        }
        assertThatThrownBy(() -> kinesis.describeStreamConsumer(b -> b.consumerARN(registered.consumerARN()))
                .join()).hasCauseInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aStreamTakesAtMostTheConsumerLimit(LocalStack stack) {
        String streamArn = streamArn(stack, stack.streams().createUniqueStream("limit", 1));
        for (int i = 0; i < 3; i++) {
            String name = "app-" + i;
            kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName(name)).join();
        }

        assertThatThrownBy(() -> kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("one-more"))
                .join()).hasCauseInstanceOf(LimitExceededException.class)
                .hasMessageContaining("maximum number of consumers (3)");
        assertThatThrownBy(() -> kinesis.registerStreamConsumer(b -> b.streamARN(streamArn + "-missing")
                .consumerName("app")).join()).hasCauseInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aSubscriptionDeliversTheShardFromItsStartThenWhatArrives(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("trim", 1);
        String consumer = activeConsumer(stack, stream, "reader");
        List<ProducedRecord> before = put(stack, stream, 0, 30);
        String shard = before.get(0).shardId();

        SubscriptionProbe probe = SubscriptionProbe.subscribe(kinesis, consumer, shard,
                StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON).build());
        probe.awaitRecords(30);
        List<ProducedRecord> after = put(stack, stream, 30, 10);
        List<Record> records = probe.awaitRecords(40);

        assertThat(records).extracting(Record::sequenceNumber).containsExactlyElementsOf(
                sequenceNumbers(before, after));
        // Idle: events without records keep coming, each with where the subscription stands.
        assertThat(probe.awaitEvent(event -> event.records().isEmpty()).continuationSequenceNumber())
                .isEqualTo(after.get(after.size() - 1).sequenceNumber());
        probe.cancel();
    }

    @Test
    void latestOnAnIdleShardDeliversTheFirstRecordWrittenAfterTheStart(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("latest", 1);
        String consumer = activeConsumer(stack, stream, "reader");
        String shard = stack.streams().openShardIds(stream).get(0);
        List<ProducedRecord> old = put(stack, stream, 0, 5);

        SubscriptionProbe probe = SubscriptionProbe.subscribe(kinesis, consumer, shard,
                StartingPosition.builder().type(ShardIteratorType.LATEST).build());
        // The idle subscription says where it stands: after the last record already there.
        assertThat(probe.awaitEvent(event -> true).continuationSequenceNumber())
                .isEqualTo(old.get(4).sequenceNumber());
        List<ProducedRecord> fresh = put(stack, stream, 5, 1);

        assertThat(probe.awaitRecords(1)).extracting(Record::sequenceNumber)
                .containsExactly(fresh.get(0).sequenceNumber());
        probe.cancel();
    }

    @Test
    void anEndedSubscriptionIsResumedAfterItsContinuationWithoutLossOrDuplicates(LocalStack stack)
            throws Exception {
        String stream = stack.streams().createUniqueStream("resume", 1);
        String consumer = activeConsumer(stack, stream, "reader");
        String shard = stack.streams().openShardIds(stream).get(0);
        List<ProducedRecord> first = put(stack, stream, 0, 20);
        SubscriptionProbe probe = SubscriptionProbe.subscribe(kinesis, consumer, shard,
                StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON).build());
        probe.awaitRecords(20);

        server.endSubscriptions();
        probe.awaitEnd().join();
        String continuation = probe.seen().get(probe.seen().size() - 1).continuationSequenceNumber();
        List<ProducedRecord> second = put(stack, stream, 20, 20);
        // Within the guard the shard is refused, as Kinesis refuses it within 5 s.
        SubscriptionProbe tooSoon = SubscriptionProbe.subscribe(kinesis, consumer, shard, StartingPosition.builder()
                .type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(continuation).build());
        assertThatThrownBy(() -> tooSoon.awaitEnd().join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(ResourceInUseException.class);
        SubscriptionProbe resumed = awaitSubscribed(consumer, shard, StartingPosition.builder()
                .type(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(continuation).build());

        List<Record> all = new ArrayList<>(probe.records());
        all.addAll(resumed.awaitRecords(20));
        assertThat(all).extracting(Record::sequenceNumber).containsExactlyElementsOf(sequenceNumbers(first, second));
        resumed.cancel();
    }

    @Test
    void aSubscriptionEndsAtTheEndOfItsConfiguredLifetime(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("lifetime", 1);
        String shard = stack.streams().openShardIds(stream).get(0);
        List<ProducedRecord> records = put(stack, stream, 0, 5);
        try (FanOutKinesisServer shortLived = FanOutKinesisServer.start(stack.kinesisEndpoint(),
                FanOutServerSettings.defaults().withSubscriptionLifetime(Duration.ofSeconds(2)));
                KinesisAsyncClient client = KinesisAsyncClient.builder().endpointOverride(shortLived.endpoint())
                        .region(LocalStack.REGION).credentialsProvider(LocalStack.CREDENTIALS)
                        .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)).build()) {
            String arn = client.registerStreamConsumer(b -> b.streamARN(streamArn(stack, stream))
                    .consumerName("short")).join().consumer().consumerARN();
            awaitActive(client, arn);
            SubscriptionProbe probe = SubscriptionProbe.subscribe(client, arn, shard,
                    StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON).build());
            probe.awaitRecords(5);
            assertThat(shortLived.activeSubscriptions(stream)).isEqualTo(1);

            // Nobody ends it: the server does, after its lifetime, as Kinesis does after 5 minutes.
            probe.awaitEnd().join();

            assertThat(probe.records()).extracting(Record::sequenceNumber)
                    .containsExactlyElementsOf(sequenceNumbers(records, List.of()));
            assertThat(shortLived.activeSubscriptions(stream)).isZero();
        }
    }

    @Test
    void aSplitWhileSubscribedEndsTheParentWithItsChildren(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("split", 1);
        String consumer = activeConsumer(stack, stream, "reader");
        String parent = stack.streams().openShardIds(stream).get(0);
        List<ProducedRecord> records = put(stack, stream, 0, 10);
        SubscriptionProbe probe = SubscriptionProbe.subscribe(kinesis, consumer, parent,
                StartingPosition.builder().type(ShardIteratorType.TRIM_HORIZON).build());
        probe.awaitRecords(10);

        List<String> children = stack.streams().splitShard(stream, parent);

        var last = probe.awaitEvent(event -> event.continuationSequenceNumber() == null);
        assertThat(last.childShards()).extracting(ChildShard::shardId).containsExactlyInAnyOrderElementsOf(children);
        probe.awaitEnd().join();
        assertThat(probe.records()).extracting(Record::sequenceNumber)
                .containsExactlyElementsOf(sequenceNumbers(records, List.of()));
    }

    @Test
    void theJsonEncodingAndHttp11AreServedToo(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("http11", 1);
        String consumer = activeConsumer(stack, stream, "reader");
        List<ProducedRecord> records = put(stack, stream, 0, 3);
        String previous = System.getProperty("aws.cborEnabled");
        System.setProperty("aws.cborEnabled", "false");
        try (KinesisAsyncClient json = client(Protocol.HTTP1_1)) {
            SubscriptionProbe probe = SubscriptionProbe.subscribe(json, consumer, records.get(0).shardId(),
                    StartingPosition.builder().type(ShardIteratorType.AT_SEQUENCE_NUMBER)
                            .sequenceNumber(records.get(1).sequenceNumber()).build());

            assertThat(probe.awaitRecords(2)).extracting(Record::sequenceNumber)
                    .containsExactly(records.get(1).sequenceNumber(), records.get(2).sequenceNumber());
            assertThat(probe.records().get(0).data().asUtf8String()).isEqualTo("record-1");
            probe.cancel();
        } finally {
            if (previous == null) {
                System.clearProperty("aws.cborEnabled");
            } else {
                System.setProperty("aws.cborEnabled", previous);
            }
        }
    }

    /** Subscribes until the server accepts (a refusal within the guard ends the call with ResourceInUse). */
    private SubscriptionProbe awaitSubscribed(String consumer, String shard, StartingPosition position) {
        AtomicReference<SubscriptionProbe> accepted = new AtomicReference<>();
        Eventually.await(Duration.ofSeconds(60), () -> {
            SubscriptionProbe probe = SubscriptionProbe.subscribe(kinesis, consumer, shard, position);
            try {
                if (probe.awaitFirstEventOrEnd()) {
                    accepted.set(probe);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted", e);
            }
            return accepted.get() != null;
        }, () -> "subscribed again");
        return accepted.get();
    }

    private static String streamArn(LocalStack stack, String stream) {
        return stack.kinesisClient().describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary()
                .streamARN();
    }

    private static String activeConsumer(LocalStack stack, String stream, String name) throws InterruptedException {
        String arn = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn(stack, stream)).consumerName(name))
                .join().consumer().consumerARN();
        awaitActive(arn);
        return arn;
    }

    private static ConsumerDescription awaitActive(String arn) throws InterruptedException {
        return awaitActive(kinesis, arn);
    }

    private static ConsumerDescription awaitActive(KinesisAsyncClient client, String arn)
            throws InterruptedException {
        return ActiveConsumer.await(client, arn);
    }

    private static List<ProducedRecord> put(LocalStack stack, String stream, int from, int count) {
        return stack.streams().putRecords(stream, IntStream.range(from, from + count)
                .mapToObj(i -> ("record-" + i).getBytes(StandardCharsets.UTF_8)).toList());
    }

    private static List<String> sequenceNumbers(List<ProducedRecord> first, List<ProducedRecord> second) {
        List<String> all = new ArrayList<>();
        first.forEach(record -> all.add(record.sequenceNumber()));
        second.forEach(record -> all.add(record.sequenceNumber()));
        return all;
    }
}
