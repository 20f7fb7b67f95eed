package io.github.sparkkinesis.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.fanout.FanOutKinesisServer;
import io.github.sparkkinesis.localstack.fanout.FanOutServerSettings;
import io.github.sparkkinesis.localstack.fanout.StreamConsumer;
import io.github.sparkkinesis.sql.testing.BatchRecorder;
import io.github.sparkkinesis.sql.testing.BatchRecorder.RecordedBatch;
import io.github.sparkkinesis.sql.testing.SqlTestSession;
import io.github.sparkkinesis.sql.testing.StartedQueries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisConnection;
import org.apache.spark.streaming.kinesis.internal.fanout.KinesisFanOutClient;
import org.apache.spark.streaming.kinesis.internal.fanout.StreamConsumerRegistrar;
import org.apache.spark.streaming.kinesis.testing.BoundedProducer;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.FanOutWaits;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;

/**
 * The kinesis source reading with enhanced fan-out ({@code consumerMode} {@code efo}) from the test kit's HTTP/2
 * fan-out server over kinesis-mock's records: every record once, subscriptions that end or fail, a batch run again
 * after a restart, resharding, the consumer's lifecycle.
 */
@ExtendWith(LocalStackExtension.class)
class EnhancedFanOutSourceIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    final StartedQueries queries = new StartedQueries();

    @Test
    void availableNowReadsEveryRecordOfFourShardsOnceThroughSubscriptions(LocalStack stack) throws Exception {
        FanOutKinesisServer fanOut = stack.enhancedFanOut();
        String stream = stack.streams().createUniqueStream("efo-source", 4);
        List<byte[]> payloads = TestPayloads.numbered("s", 400);
        stack.streams().putRecords(stream, payloads);
        String consumer = consumerName();
        long subscriptionsBefore = fanOut.subscriptionsStarted();
        String table = "kinesis_efo_" + System.nanoTime();

        StreamingQuery query = queries.started(SqlTestSession.kinesisFanOut(fanOut.endpoint(), stream, consumer)
                .option("initialPosition", "trim_horizon")
                .load()
                .writeStream().format("memory").queryName(table)
                .trigger(Trigger.AvailableNow())
                .start());

        assertThat(query.awaitTermination(TIMEOUT.toMillis())).isTrue();
        List<byte[]> read = SqlTestSession.spark().sql("select data from " + table).collectAsList().stream()
                .map(row -> (byte[]) row.getAs("data")).toList();
        assertThat(read).hasSameSizeAs(payloads);
        assertThat(TestPayloads.checksum(read)).isEqualTo(TestPayloads.checksum(payloads));
        assertThat(fanOut.subscriptionsStarted() - subscriptionsBefore).isGreaterThanOrEqualTo(4);
        // Not asked to deregister: the consumer stays for the next run.
        assertThat(fanOut.consumers(stream)).extracting(StreamConsumer::name, StreamConsumer::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(consumer, ConsumerStatus.ACTIVE));
    }

    @Test
    void subscriptionsThatEndOrFailAreResumedWithoutLossOrDuplicates(LocalStack stack) throws Exception {
        FanOutKinesisServer fanOut = stack.enhancedFanOut();
        String stream = stack.streams().createUniqueStream("efo-resume", 2);
        BatchRecorder batches = new BatchRecorder();
        queries.started(SqlTestSession.kinesisFanOut(fanOut.endpoint(), stream, consumerName())
                .option("initialPosition", "trim_horizon")
                .load()
                .writeStream().foreachBatch(batches)
                .trigger(Trigger.ProcessingTime(200, TimeUnit.MILLISECONDS))
                .start());
        try (BoundedProducer producer = BoundedProducer.start(stack, stream, "r", 600, 50)) {
            Eventually.await(TIMEOUT, () -> batches.texts().size() >= 100, () -> batches.texts().size() + " read");
            FanOutWaits.awaitSubscriptionsOlderThanTheGuard(fanOut, stream, TIMEOUT);
            long started = fanOut.subscriptionsStarted();
            fanOut.endSubscriptions(stream);
            Eventually.await(TIMEOUT, () -> fanOut.subscriptionsStarted() >= started + 2,
                    () -> "subscriptions not resumed: " + fanOut.subscriptionsStarted() + " started");
            int readBeforeFailure = batches.texts().size();
            Eventually.await(TIMEOUT, () -> batches.texts().size() > readBeforeFailure,
                    () -> "nothing read after the subscriptions were resumed");
            long beforeFailure = fanOut.subscriptionsStarted();
            // An error ends them at once: subscribing again right away is refused for 5 s (ResourceInUse).
            fanOut.failSubscriptions(stream, "InternalFailureException");
            Eventually.await(TIMEOUT, () -> fanOut.subscriptionsStarted() >= beforeFailure + 2,
                    () -> "subscriptions not restarted after the failure: " + fanOut.subscriptionsStarted());

            List<String> produced = producer.awaitAll();
            Eventually.await(TIMEOUT, () -> new HashSet<>(batches.texts()).containsAll(produced),
                    () -> new HashSet<>(batches.texts()).size() + " of " + produced.size() + " read");
            assertThat(batches.texts()).hasSameSizeAs(produced);
        }
    }

    @Test
    void subscriptionsEndingAtTheirLifetimeAreRenewedWithoutRefusals(LocalStack stack) throws Exception {
        // As Kinesis ends each subscription after 5 minutes; here after 6 s, just past the 5 s re-subscribe guard.
        try (FanOutKinesisServer shortLived = FanOutKinesisServer.start(stack.kinesisEndpoint(),
                FanOutServerSettings.defaults().withSubscriptionLifetime(Duration.ofSeconds(6)))) {
            String stream = stack.streams().createUniqueStream("efo-renewed", 1);
            BatchRecorder batches = new BatchRecorder();
            queries.started(SqlTestSession.kinesisFanOut(shortLived.endpoint(), stream, consumerName())
                    .option("initialPosition", "trim_horizon")
                    .load()
                    .writeStream().foreachBatch(batches)
                    .trigger(Trigger.ProcessingTime(200, TimeUnit.MILLISECONDS))
                    .start());
            try (BoundedProducer producer = BoundedProducer.start(stack, stream, "n", 400, 25)) {
                List<String> produced = producer.awaitAll();
                Eventually.await(TIMEOUT, () -> new HashSet<>(batches.texts()).containsAll(produced)
                                && shortLived.subscriptionsStarted() >= 3,
                        () -> new HashSet<>(batches.texts()).size() + " of " + produced.size() + " read, "
                                + shortLived.subscriptionsStarted() + " subscriptions");
                assertThat(batches.texts()).hasSameSizeAs(produced);
                assertThat(shortLived.subscriptionsRefused()).as("re-subscriptions refused").isZero();
            }
        }
    }

    @Test
    void aBatchRunAgainAfterARestartReadsTheSameRecords(LocalStack stack) throws Exception {
        FanOutKinesisServer fanOut = stack.enhancedFanOut();
        String stream = stack.streams().createUniqueStream("efo-replay", 2);
        List<String> payloads = TestPayloads.texts(TestPayloads.numbered("p", 300));
        stack.streams().putRecords(stream, TestPayloads.numbered("p", 300));
        String consumer = consumerName();
        Path checkpoint = Files.createTempDirectory("efo-replay");
        BatchRecorder first = new BatchRecorder();
        StreamingQuery firstRun = queries.started(replayQuery(fanOut.endpoint(), stream, consumer, checkpoint,
                first, Trigger.ProcessingTime(200, TimeUnit.MILLISECONDS)));
        Eventually.await(TIMEOUT, () -> committed(checkpoint) >= 2, () -> "batches committed: "
                + committed(checkpoint));
        firstRun.stop();
        // The last batch is made uncommitted: the restarted query runs it again from the offset log.
        long rerun = committed(checkpoint);
        uncommit(checkpoint, rerun);
        List<String> firstTime = first.batches().stream().filter(batch -> batch.batchId() == rerun)
                .flatMap(batch -> batch.texts().stream()).toList();

        BatchRecorder second = new BatchRecorder();
        StreamingQuery secondRun = queries.started(replayQuery(fanOut.endpoint(), stream, consumer, checkpoint,
                second, Trigger.AvailableNow()));

        assertThat(secondRun.awaitTermination(TIMEOUT.toMillis())).isTrue();
        assertThat(firstTime).isNotEmpty();
        assertThat(second.batches().get(0).batchId()).isEqualTo(rerun);
        assertThat(second.batches().get(0).texts()).containsExactlyInAnyOrderElementsOf(firstTime);
        List<String> exactlyOnce = new ArrayList<>();
        first.batches().stream().filter(batch -> batch.batchId() < rerun)
                .forEach(batch -> exactlyOnce.addAll(batch.texts()));
        second.batches().stream().map(RecordedBatch::texts).forEach(exactlyOnce::addAll);
        assertThat(exactlyOnce).containsExactlyInAnyOrderElementsOf(payloads);
    }

    @Test
    void aSplitAndAMergeWhileSubscribedLoseNothingAndKeepParentsFirst(LocalStack stack) throws Exception {
        FanOutKinesisServer fanOut = stack.enhancedFanOut();
        String stream = stack.streams().createUniqueStream("efo-reshard", 2);
        String consumer = consumerName();
        ReshardingSourceIT.splitAndMergeWhileTheQueryRuns(stack, stream, batches ->
                queries.started(SqlTestSession.kinesisFanOut(fanOut.endpoint(), stream, consumer)
                        .option("initialPosition", "trim_horizon")
                        .option("shardListRefreshInterval", "1s")
                        .load()
                        .writeStream().foreachBatch(batches)
                        .trigger(Trigger.ProcessingTime(300, TimeUnit.MILLISECONDS))
                        .start()));
    }

    @Test
    void aConsumerIsDeregisteredWhenTheQueryStopsOnlyIfAsked(LocalStack stack) throws Exception {
        FanOutKinesisServer fanOut = stack.enhancedFanOut();
        String stream = stack.streams().createUniqueStream("efo-deregister", 1);
        stack.streams().putRecords(stream, TestPayloads.numbered("d", 20));
        String consumer = consumerName();
        BatchRecorder batches = new BatchRecorder();

        StreamingQuery query = queries.started(SqlTestSession.kinesisFanOut(fanOut.endpoint(), stream, consumer)
                .option("initialPosition", "trim_horizon")
                .option("requireConsumerDeregistration", "true")
                .load()
                .writeStream().foreachBatch(batches)
                .trigger(Trigger.AvailableNow())
                .start());

        assertThat(query.awaitTermination(TIMEOUT.toMillis())).isTrue();
        assertThat(batches.texts()).hasSize(20);
        assertThat(fanOut.consumers(stream)).allSatisfy(left ->
                assertThat(left.status()).as("consumer %s", left.name()).isEqualTo(ConsumerStatus.DELETING));
    }

    @Test
    void aStreamWithNoRoomForTheConsumerFailsTheQuerySayingWhy(LocalStack stack) throws Exception {
        FanOutKinesisServer fanOut = stack.enhancedFanOut();
        String stream = stack.streams().createUniqueStream("efo-full", 1);
        try (KinesisFanOutClient client = new KinesisFanOutClient(new KinesisConnection(LocalStack.REGION.id(),
                fanOut.endpoint(), SparkAWSCredentials.builder().basicCredentials(
                        LocalStack.CREDENTIALS.resolveCredentials().accessKeyId(),
                        LocalStack.CREDENTIALS.resolveCredentials().secretAccessKey()).build()))) {
            StreamConsumerRegistrar registrar = new StreamConsumerRegistrar(client.kinesis());
            for (int i = 0; i < StreamConsumerRegistrar.MAX_CONSUMERS_PER_STREAM; i++) {
                registrar.activeConsumer(stream, "other-app-" + i);
            }
        }

        StreamingQuery query = queries.started(SqlTestSession.kinesisFanOut(fanOut.endpoint(), stream,
                "one-too-many")
                .load()
                .writeStream().foreachBatch(new BatchRecorder())
                .trigger(Trigger.AvailableNow())
                .start());

        assertThatThrownBy(() -> query.awaitTermination(TIMEOUT.toMillis()))
                .isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("already has 20 consumers, Kinesis's limit")
                .hasMessageContaining("aws kinesis deregister-stream-consumer");
        assertThat(fanOut.consumers(stream)).extracting(StreamConsumer::name).doesNotContain("one-too-many");
    }


    private static StreamingQuery replayQuery(URI endpoint, String stream, String consumer, Path checkpoint,
            BatchRecorder batches, Trigger trigger) throws Exception {
        return SqlTestSession.kinesisFanOut(endpoint, stream, consumer)
                .option("initialPosition", "trim_horizon")
                .option("maxRecordsPerTrigger", "60")
                .load()
                .writeStream().foreachBatch(batches)
                .option("checkpointLocation", checkpoint.toString())
                .trigger(trigger)
                .start();
    }

    /** Removes the commit of {@code batch} and the offsets of any later batch (planned when the query stopped). */
    private static void uncommit(Path checkpoint, long batch) throws IOException {
        Files.delete(checkpoint.resolve("commits").resolve(Long.toString(batch)));
        Files.deleteIfExists(checkpoint.resolve("commits").resolve("." + batch + ".crc"));
        try (Stream<Path> files = Files.list(checkpoint.resolve("offsets"))) {
            for (Path file : files.toList()) {
                String id = file.getFileName().toString().replaceAll("^\\.|\\.crc$", "");
                if (id.matches("\\d+") && Long.parseLong(id) > batch) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The highest committed batch id, or -1. */
    private static long committed(Path checkpoint) {
        Path commits = checkpoint.resolve("commits");
        if (!Files.isDirectory(commits)) {
            return -1;
        }
        try (Stream<Path> files = Files.list(commits)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("\\d+"))
                    .mapToLong(Long::parseLong).max().orElse(-1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String consumerName() {
        return KinesisStreamFixture.uniqueName("efo-query");
    }
}
