package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import io.github.sparkkinesis.localstack.fanout.FanOutKinesisServer;
import io.github.sparkkinesis.localstack.fanout.FanOutServerSettings;
import io.github.sparkkinesis.localstack.fanout.StreamConsumer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.internal.fanout.KinesisFanOutClient;
import org.apache.spark.streaming.kinesis.internal.fanout.StreamConsumerRegistrar;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisConnection;
import org.apache.spark.streaming.kinesis.testing.BoundedProducer;
import org.apache.spark.streaming.kinesis.testing.ChildJvm;
import org.apache.spark.streaming.kinesis.testing.DeliveryReport;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.FanOutWaits;
import org.apache.spark.streaming.kinesis.testing.LeaseCheckpoints;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.RecordingConsumerApp;
import org.apache.spark.streaming.kinesis.testing.ReceiverErrors;
import org.apache.spark.streaming.kinesis.testing.SparkTestContext;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.apache.spark.streaming.kinesis.testing.WarmUp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;

/**
 * The DStream reading with enhanced fan-out (the KCL's SubscribeToShard retrieval) from the test kit's HTTP/2
 * fan-out server over kinesis-mock's records.
 */
@ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
class EnhancedFanOutIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private ChildJvm other;

    @AfterEach
    void stopOther() {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void readsEveryRecordOfFourShardsThroughSubscriptions(LocalStack stack, StreamingContexts contexts) {
        FanOutKinesisServer fanOut = stack.enhancedFanOut();
        String stream = stack.streams().createUniqueStream("efo", 4);
        String app = app();
        List<byte[]> payloads = TestPayloads.numbered("efo", 400);
        stack.streams().putRecords(stream, payloads);
        long subscriptionsBefore = fanOut.subscriptionsStarted();
        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> sink = RecordSink.attach(LocalStackDStreams.fanOutBuilder(stack, ssc, stream, app, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .build().asJava());

        ssc.start();
        Eventually.await(TIMEOUT, () -> sink.size() >= payloads.size(),
                () -> sink.size() + " of " + payloads.size() + " records arrived");

        assertThat(TestPayloads.checksum(sink.records())).isEqualTo(TestPayloads.checksum(payloads));
        assertThat(sink.size()).isEqualTo(payloads.size());
        assertThat(fanOut.consumers(stream)).extracting(StreamConsumer::name, StreamConsumer::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(app, ConsumerStatus.ACTIVE));
        assertThat(fanOut.subscriptionsStarted() - subscriptionsBefore).isGreaterThanOrEqualTo(4);
    }

    @Test
    void aConsumerThatExistsIsReusedByNameAndByArn(LocalStack stack, StreamingContexts contexts) throws Exception {
        String stream = stack.streams().createUniqueStream("reuse", 2);
        String existing;
        try (KinesisFanOutClient client = new KinesisFanOutClient(new KinesisConnection(LocalStack.REGION.id(),
                stack.enhancedFanOut().endpoint(), LocalStackDStreams.credentials()))) {
            existing = new StreamConsumerRegistrar(client.kinesis()).activeConsumer(stream, "shared-reader");
        }
        List<byte[]> payloads = TestPayloads.numbered("reuse", 100);
        stack.streams().putRecords(stream, payloads);
        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> byName = RecordSink.attach(LocalStackDStreams.fanOutBuilder(stack, ssc, stream, app(),
                "shared-reader").initialPosition(new KinesisInitialPositions.TrimHorizon()).build().asJava());
        RecordSink<byte[]> byArn = RecordSink.attach(LocalStackDStreams.builder(ssc,
                stack.enhancedFanOut().endpoint().toString(), stack.dynamoDbEndpoint().toString(), stream, app())
                .enhancedFanOutConsumerArn(existing)
                .initialPosition(new KinesisInitialPositions.TrimHorizon()).build().asJava());

        ssc.start();
        Eventually.await(TIMEOUT, () -> byName.size() >= payloads.size() && byArn.size() >= payloads.size(),
                () -> byName.size() + " and " + byArn.size() + " of " + payloads.size() + " records arrived");

        assertThat(TestPayloads.checksum(byName.records())).isEqualTo(TestPayloads.checksum(payloads));
        assertThat(TestPayloads.checksum(byArn.records())).isEqualTo(TestPayloads.checksum(payloads));
        assertThat(stack.enhancedFanOut().consumers(stream)).extracting(StreamConsumer::arn)
                .containsExactly(existing);
    }

    @Test
    void subscriptionsTheServerEndsOrFailsAreResumedWithoutLossOrDuplicates(LocalStack stack,
            StreamingContexts contexts) throws Exception {
        FanOutKinesisServer fanOut = stack.enhancedFanOut();
        String stream = stack.streams().createUniqueStream("resume", 2);
        String app = app();
        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> sink = RecordSink.attach(LocalStackDStreams.fanOutBuilder(stack, ssc, stream, app, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .build().asJava());
        ssc.start();
        WarmUp.await(stack, stream, TIMEOUT, () -> TestPayloads.texts(sink.records()),
                () -> sink.size() + " records received");
        List<ProducedRecord> produced;
        long refusedBefore = fanOut.subscriptionsRefused();
        long endedAt;
        try (BoundedProducer producer = BoundedProducer.start(stack, stream, "resume", 5000, 50)) {
            // As at the 5-minute mark: each subscription ends after its last event; the KCL subscribes again after
            // its continuation, and, the subscriptions being older than Kinesis's 5 s, is not refused.
            FanOutWaits.awaitSubscriptionsOlderThanTheGuard(fanOut, stream, TIMEOUT);
            long started = fanOut.subscriptionsStarted();
            fanOut.endSubscriptions(stream);
            Eventually.await(TIMEOUT, () -> fanOut.subscriptionsStarted() >= started + 2,
                    () -> "subscriptions not resumed: " + fanOut.subscriptionsStarted() + " started");
            producer.awaitNextRecordProcessed(TIMEOUT, () -> TestPayloads.texts(sink.records()),
                    () -> sink.size() + " records received");
            assertThat(fanOut.subscriptionsRefused()).as("re-subscriptions refused").isEqualTo(refusedBefore);
            // An error ends them too; the KCL restarts them (retrying while Kinesis refuses within 5 s).
            long beforeFailure = fanOut.subscriptionsStarted();
            fanOut.failSubscriptions(stream, "InternalFailureException");
            endedAt = System.nanoTime();
            Eventually.await(TIMEOUT, () -> fanOut.subscriptionsStarted() >= beforeFailure + 2,
                    () -> "subscriptions not restarted after the failure: " + fanOut.subscriptionsStarted());
            producer.awaitNextRecordProcessed(TIMEOUT, () -> TestPayloads.texts(sink.records()),
                    () -> sink.size() + " records received");
            producer.stop();
            produced = producer.awaitAllRecords();
        }
        LeaseCheckpoints.awaitCaughtUp(stack, app, produced, TIMEOUT);
        List<String> expected = produced.stream().map(record -> TestPayloads.text(record.data())).toList();
        List<String> seen = new ArrayList<>(TestPayloads.texts(sink.records()));
        seen.remove(WarmUp.RECORD);
        DeliveryReport report = DeliveryReport.of("fan-out subscriptions ended and failed (50 records/s)", expected,
                seen, (System.nanoTime() - endedAt) / 1_000_000).print();

        assertThat(report.lost()).isZero();
        assertThat(report.duplicates()).isZero();
    }

    @Test
    void subscriptionsEndingAtTheirLifetimeAreRenewedWithoutRefusalsLossOrDuplicates(LocalStack stack,
            StreamingContexts contexts) throws Exception {
        // As Kinesis ends each subscription after 5 minutes; here after 6 s, just past the 5 s re-subscribe guard.
        try (FanOutKinesisServer shortLived = FanOutKinesisServer.start(stack.kinesisEndpoint(),
                FanOutServerSettings.defaults().withSubscriptionLifetime(Duration.ofSeconds(6)))) {
            String stream = stack.streams().createUniqueStream("efo-renewed", 1);
            String app = app();
            JavaStreamingContext ssc = contexts.create();
            RecordSink<byte[]> sink = RecordSink.attach(LocalStackDStreams.builder(ssc,
                    shortLived.endpoint().toString(), stack.dynamoDbEndpoint().toString(), stream, app)
                    .enhancedFanOutConsumerName(app)
                    .initialPosition(new KinesisInitialPositions.TrimHorizon())
                    .build().asJava());
            ssc.start();
            List<String> produced;
            try (BoundedProducer producer = BoundedProducer.start(stack, stream, "renewed", 400, 25)) {
                produced = producer.awaitAll();
            }
            Eventually.await(TIMEOUT, () -> new HashSet<>(TestPayloads.texts(sink.records())).containsAll(produced)
                            && shortLived.subscriptionsStarted() >= 3,
                    () -> sink.size() + " of " + produced.size() + " records, "
                            + shortLived.subscriptionsStarted() + " subscriptions");

            assertThat(TestPayloads.texts(sink.records())).hasSameSizeAs(produced);
            assertThat(shortLived.subscriptionsRefused()).as("re-subscriptions refused").isZero();
            // Before its server goes.
            SparkTestContext.stop(ssc);
        }
    }

    @Test
    void splitAndMergeWhileSubscribedReadParentsFirstAndLoseNothing(LocalStack stack, StreamingContexts contexts) {
        ReshardingIT.splitAndMergeWhileReading(stack, contexts, "efo-reshard", (ssc, stream, app) ->
                LocalStackDStreams.fanOutBuilder(stack, ssc, stream, app, app));
    }

    @Test
    void latestOnAnIdleShardDeliversTheFirstRecordWrittenAfterTheStart(LocalStack stack,
            StreamingContexts contexts) {
        FanOutKinesisServer fanOut = stack.enhancedFanOut();
        String stream = stack.streams().createUniqueStream("efo-latest", 1);
        stack.streams().putRecords(stream, TestPayloads.numbered("old", 20));
        String app = app();
        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> sink = RecordSink.attach(LocalStackDStreams.fanOutBuilder(stack, ssc, stream, app, app)
                .build().asJava());

        ssc.start();
        // A LATEST subscription starts after the records already there; the first one written once the shard is
        // subscribed is the first one read, and nothing before it.
        Eventually.await(TIMEOUT, () -> fanOut.activeSubscriptions(stream) == 1,
                () -> "the shard was not subscribed");
        stack.streams().putRecords(stream, TestPayloads.numbered("first-new", 1));
        Eventually.await(TIMEOUT, () -> sink.size() >= 1, () -> "the first new record did not arrive");
        assertThat(TestPayloads.texts(sink.records())).containsExactly("first-new-0");
        // An idle subscription that ends is resumed after where it stood, not at LATEST again.
        FanOutWaits.awaitSubscriptionsOlderThanTheGuard(fanOut, stream, TIMEOUT);
        long started = fanOut.subscriptionsStarted();
        fanOut.endSubscriptions(stream);
        stack.streams().putRecords(stream, TestPayloads.numbered("between", 1));
        Eventually.await(TIMEOUT, () -> sink.size() >= 2, () -> "the record put between subscriptions is lost");
        assertThat(fanOut.subscriptionsStarted()).isGreaterThan(started);
        assertThat(TestPayloads.texts(sink.records())).containsExactly("first-new-0", "between-0");
    }

    @Test
    void theShardsOfAKilledReceiverAreTakenOver(LocalStack stack, StreamingContexts contexts) throws Exception {
        String stream = stack.streams().createUniqueStream("efo-kill", 4);
        String app = app();
        Path otherOutput = Files.createTempFile("efo-killed", ".txt");
        other = ChildJvm.start(RecordingConsumerApp.class, Files.createTempFile("efo-killed", ".log"),
                stack.enhancedFanOut().endpoint().toString(), stack.dynamoDbEndpoint().toString(), stream, app,
                otherOutput.toString(), app);
        Eventually.await(TIMEOUT, () -> stack.leaseTables().owners(app).size() == 4
                        && stack.leaseTables().owners(app).values().stream().allMatch(owner -> owner != null),
                () -> "leases " + stack.leaseTables().owners(app) + "; other process log: " + other.log());
        List<String> firstRound = TestPayloads.texts(TestPayloads.numbered("first", 100));
        stack.streams().putRecords(stream, TestPayloads.numbered("first", 100));
        Eventually.await(TIMEOUT, () -> new HashSet<>(RecordingConsumerApp.recorded(otherOutput))
                .containsAll(firstRound), () -> "the other process read "
                + RecordingConsumerApp.recorded(otherOutput).size() + " records; log: " + other.log());

        other.kill();
        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> survivor = RecordSink.attach(LocalStackDStreams.fanOutBuilder(stack, ssc, stream, app,
                app).initialPosition(new KinesisInitialPositions.TrimHorizon()).build().asJava());
        ssc.start();
        List<String> secondRound = TestPayloads.texts(TestPayloads.numbered("second", 100));
        stack.streams().putRecords(stream, TestPayloads.numbered("second", 100));

        Eventually.await(TIMEOUT, () -> new HashSet<>(TestPayloads.texts(survivor.records()))
                .containsAll(secondRound), () -> "the survivor read " + survivor.size() + " records");
        Set<String> everything = new HashSet<>(RecordingConsumerApp.recorded(otherOutput));
        everything.addAll(TestPayloads.texts(survivor.records()));
        assertThat(everything).containsAll(firstRound).containsAll(secondRound);
        assertThat(stack.enhancedFanOut().consumers(stream)).hasSize(1);
    }

    @Test
    void aStreamWithNoRoomForTheConsumerStopsTheApplicationSayingWhy(LocalStack stack, StreamingContexts contexts)
            throws Exception {
        String stream = stack.streams().createUniqueStream("efo-full", 1);
        try (KinesisFanOutClient client = new KinesisFanOutClient(new KinesisConnection(LocalStack.REGION.id(),
                stack.enhancedFanOut().endpoint(), LocalStackDStreams.credentials()))) {
            StreamConsumerRegistrar registrar = new StreamConsumerRegistrar(client.kinesis());
            for (int i = 0; i < StreamConsumerRegistrar.MAX_CONSUMERS_PER_STREAM; i++) {
                registrar.activeConsumer(stream, "other-app-" + i);
            }
        }
        JavaStreamingContext ssc = contexts.create();
        ReceiverErrors errors = new ReceiverErrors();
        ssc.addStreamingListener(errors);
        RecordSink.attach(LocalStackDStreams.fanOutBuilder(stack, ssc, stream, app(), "one-too-many").build()
                .asJava());

        ssc.start();

        assertThatThrownBy(() -> ssc.awaitTerminationOrTimeout(TIMEOUT.toMillis()))
                .isInstanceOf(KinesisReceiverException.class)
                .hasMessageContaining("Could not read stream '" + stream + "' with enhanced fan-out")
                .hasMessageContaining("already has 20 consumers, Kinesis's limit")
                .hasMessageContaining("aws kinesis deregister-stream-consumer");
        assertThat(stack.enhancedFanOut().consumers(stream)).extracting(StreamConsumer::name)
                .doesNotContain("one-too-many");
    }

    private static String app() {
        return KinesisStreamFixture.uniqueName("efo-app");
    }
}
