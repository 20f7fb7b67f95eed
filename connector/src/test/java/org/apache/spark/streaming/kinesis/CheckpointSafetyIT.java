package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.testing.BatchFilesConsumerApp;
import org.apache.spark.streaming.kinesis.testing.BoundedProducer;
import org.apache.spark.streaming.kinesis.testing.ChildJvm;
import org.apache.spark.streaming.kinesis.testing.DeliveryReport;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.StallingFileSystem;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.apache.spark.streaming.kinesis.testing.WarmUp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Kinesis checkpoint never runs ahead of records Spark can still get back, whatever stops the driver: each test
 * builds up a queue of generated but unprocessed batches (batches take three times the batch interval), then
 * kills the driver (SIGKILL) and starts it again with the same application name, and checks that every record
 * produced was processed.
 */
@ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
class CheckpointSafetyIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int RECORDS = 1200;
    private static final int RECORDS_PER_SECOND = 40;
    private static final String SLOW_BATCHES = "workMillis=3000";
    /** Queued batches before the crash: longer than the six seconds the receiver used to wait before checkpoints. */
    private static final int QUEUED_BATCHES = 9;
    private static final String CHECKPOINT_BEFORE_COMPLETION =
            "conf.spark.streaming.kinesis.checkpointBeforeBatchCompletes=true";

    private final List<ChildJvm> drivers = new ArrayList<>();

    @AfterEach
    void stopDrivers() {
        drivers.forEach(ChildJvm::close);
    }

    @Test
    void aQueueOfBatchesLostWithTheDriverIsReadAgainWithoutADStreamCheckpoint(LocalStack stack) throws Exception {
        Run run = new Run(stack, "backlog");
        ChildJvm first = run.driver("first", SLOW_BATCHES);
        run.awaitReading(first);
        try (BoundedProducer producer = BoundedProducer.start(stack, run.stream, "b", RECORDS, RECORDS_PER_SECOND)) {
            run.awaitQueue(first);
            first.kill();

            run.driver("second");
            run.assertNothingLost(producer, "driver killed with " + QUEUED_BATCHES
                    + "+ batches queued, restarted without a DStream checkpoint");
        }
    }

    @Test
    void aQueueOfBatchesInTheDStreamCheckpointIsRecomputedAndNotReadAgain(LocalStack stack) throws Exception {
        Run run = new Run(stack, "backlog-checkpointed");
        String checkpoint = "checkpoint=" + Files.createTempDirectory("checkpoint");
        ChildJvm first = run.driver("first", SLOW_BATCHES, checkpoint, CHECKPOINT_BEFORE_COMPLETION);
        run.awaitReading(first);
        try (BoundedProducer producer = BoundedProducer.start(stack, run.stream, "c", RECORDS, RECORDS_PER_SECOND)) {
            run.awaitQueue(first);
            // With checkpointBeforeBatchCompletes the lease table moves past records of queued batches once the
            // DStream checkpoint holds them: wait for that, so that the restart must recompute them.
            Eventually.await(TIMEOUT, () -> run.checkpointedAheadOfOutput(producer),
                    () -> "lease checkpoints " + stack.leaseTables().checkpointedSequenceNumbers(run.app)
                            + " never went past the processed records; log " + first.log());
            first.kill();

            run.driver("second", checkpoint, CHECKPOINT_BEFORE_COMPLETION);
            run.assertNothingLost(producer, "driver killed with " + QUEUED_BATCHES
                    + "+ batches queued, restarted from its DStream checkpoint");
        }
    }

    @Test
    void aDStreamCheckpointStoreThatStallsLosesNothingWhenTheDriverDies(LocalStack stack) throws Exception {
        Run run = new Run(stack, "stalled-store");
        Path marker = run.output.resolveSibling(run.output.getFileName() + ".stalled");
        String checkpoint = "checkpoint=" + StallingFileSystem.SCHEME + "://" + Files.createTempDirectory("checkpoint");
        String[] options = {SLOW_BATCHES, checkpoint, "stallMarker=" + marker, CHECKPOINT_BEFORE_COMPLETION};
        ChildJvm first = run.driver("first", options);
        run.awaitReading(first);
        // From here on no DStream checkpoint gets written: the restart recovers from an older one.
        Files.createFile(marker);
        try (BoundedProducer producer = BoundedProducer.start(stack, run.stream, "s", RECORDS, RECORDS_PER_SECOND)) {
            run.awaitQueue(first);
            first.kill();
            Files.delete(marker);

            run.driver("second", checkpoint, "stallMarker=" + marker, CHECKPOINT_BEFORE_COMPLETION);
            run.assertNothingLost(producer, "DStream checkpoint writes stalled, driver killed with "
                    + QUEUED_BATCHES + "+ batches queued, restarted from its last written checkpoint");
        }
    }

    @Test
    void aLeaseHandedOverRightBeforeTheDriverDiesLosesNothing(LocalStack stack, StreamingContexts contexts)
            throws Exception {
        Run run = new Run(stack, "hand-over");
        ChildJvm first = run.driver("first", SLOW_BATCHES);
        run.awaitReading(first);
        try (BoundedProducer producer = BoundedProducer.start(stack, run.stream, "h", RECORDS, RECORDS_PER_SECOND)) {
            Eventually.await(TIMEOUT, () -> leasesPerOwner(stack, run.app).values().stream().toList().equals(List.of(2))
                            && BatchFilesConsumerApp.queuedBatchesWithRecords(run.output) >= 3,
                    () -> "leases " + stack.leaseTables().owners(run.app) + ", queued batches "
                            + BatchFilesConsumerApp.queuedBatchesWithRecords(run.output) + "; log " + first.log());

            // A second receiver of the same application joins: the KCL hands it one of the first one's shards.
            JavaStreamingContext ssc = contexts.create();
            RecordSink<byte[]> second = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, run.stream, run.app)
                    .initialPosition(new KinesisInitialPositions.TrimHorizon())
                    .build().asJava());
            ssc.start();
            Eventually.await(TIMEOUT, () -> leasesPerOwner(stack, run.app).values().stream().sorted().toList()
                            .equals(List.of(1, 1))
                            && stack.leaseTables().leases(run.app).stream().allMatch(l -> l.checkpointOwner() == null),
                    () -> "leases " + stack.leaseTables().leases(run.app));
            first.kill();

            List<String> produced = producer.awaitAll();
            long producedAt = System.nanoTime();
            Eventually.await(TIMEOUT, () -> seen(run, second).containsAll(produced),
                    () -> "seen " + seen(run, second).size() + " of " + produced.size() + "; leases "
                            + stack.leaseTables().leases(run.app));
            List<String> all = new ArrayList<>(BatchFilesConsumerApp.records(run.output));
            all.addAll(TestPayloads.texts(second.records()));
            DeliveryReport report = DeliveryReport.of("lease handed over, then the first driver killed", produced, all,
                    (System.nanoTime() - producedAt) / 1_000_000).print();
            assertThat(report.lost()).isZero();
        }
    }

    private static Set<String> seen(Run run, RecordSink<byte[]> second) {
        Set<String> seen = new HashSet<>(BatchFilesConsumerApp.records(run.output));
        seen.addAll(TestPayloads.texts(second.records()));
        return seen;
    }

    private static Map<String, Integer> leasesPerOwner(LocalStack stack, String app) {
        Map<String, Integer> counts = new HashMap<>();
        stack.leaseTables().owners(app).values().stream().filter(Objects::nonNull)
                .forEach(owner -> counts.merge(owner, 1, Integer::sum));
        return counts;
    }

    /** One application under test: its stream, name, output folder and drivers. */
    private final class Run {
        private final LocalStack stack;
        private final String stream;
        private final String app;
        private final Path output;

        Run(LocalStack stack, String name) throws Exception {
            this.stack = stack;
            this.stream = stack.streams().createUniqueStream(name, 2);
            this.app = KinesisStreamFixture.uniqueName("app");
            this.output = Files.createTempDirectory("batches");
        }

        ChildJvm driver(String name, String... options) throws Exception {
            ChildJvm driver = ChildJvm.start(BatchFilesConsumerApp.class,
                    Files.createTempFile("driver-" + name, ".log"), BatchFilesConsumerApp.arguments(
                            stack.kinesisEndpoint().toString(), stack.dynamoDbEndpoint().toString(), stream, app,
                            output, options));
            drivers.add(driver);
            return driver;
        }

        /**
         * Waits until the driver processed a first record. Records are produced only then: on a busy machine a
         * driver may take long to start, and would otherwise find them all at once, in too few batches to queue up.
         */
        void awaitReading(ChildJvm driver) {
            WarmUp.await(stack, stream, TIMEOUT, () -> BatchFilesConsumerApp.records(output),
                    () -> "log " + driver.log());
        }

        void awaitQueue(ChildJvm driver) {
            Eventually.await(TIMEOUT, () -> BatchFilesConsumerApp.queuedBatchesWithRecords(output) >= QUEUED_BATCHES,
                    () -> "queued batches: " + BatchFilesConsumerApp.queuedBatchesWithRecords(output) + "; log "
                            + driver.log());
        }

        /** Whether some shard's checkpoint is past every record of that shard the driver processed so far. */
        boolean checkpointedAheadOfOutput(BoundedProducer producer) {
            Set<String> processed = new HashSet<>(BatchFilesConsumerApp.records(output));
            Map<String, BigInteger> checkpoints = stack.leaseTables().checkpointedSequenceNumbers(app);
            Map<String, BigInteger> lastProcessed = new HashMap<>();
            producer.producedSoFar().forEach(record -> {
                if (processed.contains(TestPayloads.text(record.data()))) {
                    lastProcessed.merge(record.shardId(), new BigInteger(record.sequenceNumber()), BigInteger::max);
                }
            });
            return checkpoints.entrySet().stream().anyMatch(checkpoint -> lastProcessed.containsKey(checkpoint.getKey())
                    && checkpoint.getValue().compareTo(lastProcessed.get(checkpoint.getKey())) > 0);
        }

        void assertNothingLost(BoundedProducer producer, String fault) throws Exception {
            long restartedAt = System.nanoTime();
            List<String> produced = producer.awaitAll();
            Eventually.await(TIMEOUT, () -> new HashSet<>(BatchFilesConsumerApp.records(output)).containsAll(produced),
                    () -> "seen " + new HashSet<>(BatchFilesConsumerApp.records(output)).size() + " of "
                            + produced.size() + "; driver logs " + drivers.stream().map(ChildJvm::log).toList());
            DeliveryReport report = DeliveryReport.of(fault, produced, BatchFilesConsumerApp.records(output),
                    (System.nanoTime() - restartedAt) / 1_000_000).print();
            assertThat(report.lost()).isZero();
        }
    }
}
