package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.streaming.kinesis.testing.BoundedProducer;
import org.apache.spark.streaming.kinesis.testing.BatchFilesConsumerApp;
import org.apache.spark.streaming.kinesis.testing.BatchFilesConsumerApp.BatchOutput;
import org.apache.spark.streaming.kinesis.testing.ChildJvm;
import org.apache.spark.streaming.kinesis.testing.DeliveryReport;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.WarmUp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The driver dies (SIGKILL) while batches are generated but not completed; restarted with
 * {@code StreamingContext.getOrCreate}, it runs those batches again from Kinesis, with the same records, and no
 * record produced is lost. No write-ahead log is used.
 */
@ExtendWith(LocalStackExtension.class)
class DriverRecoveryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    /** A cap only: production stops once the second driver reads (a few hundred records on a quiet machine). */
    private static final int MAX_RECORDS = 5000;

    private final List<ChildJvm> drivers = new ArrayList<>();

    @AfterEach
    void stopDrivers() {
        drivers.forEach(ChildJvm::close);
    }

    @Test
    void batchesPendingAtTheCrashAreRecomputedWithTheSameRecords(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("driver-crash", 2);
        String app = KinesisStreamFixture.uniqueName("app");
        Path output = Files.createTempDirectory("batches");
        Path checkpoint = Files.createTempDirectory("checkpoint");
        // Slow batches (1.5 s of work per 1 s batch) pile up, so the crash leaves some pending. The records must
        // arrive while the driver reads (on a busy machine a driver that starts late finds them all at once, in
        // too few batches), so production starts once a first record went through.
        ChildJvm first = driver(stack, stream, app, output, checkpoint, 1500, "first");
        WarmUp.await(stack, stream, TIMEOUT, () -> BatchFilesConsumerApp.records(output),
                () -> "first driver's log " + first.log());
        int warmUpBatches = BatchFilesConsumerApp.batches(output).size();
        // Production goes on while the driver is down and until the second driver has processed a record put after
        // it started (the count is only a cap), however long each step takes.
        try (BoundedProducer producer = BoundedProducer.start(stack, stream, "crash", MAX_RECORDS, 50)) {
            Eventually.await(TIMEOUT, () -> BatchFilesConsumerApp.batches(output).size() >= warmUpBatches + 4
                            && BatchFilesConsumerApp.queuedBatchesWithRecords(output) >= 2,
                    () -> "batches written: " + BatchFilesConsumerApp.batches(output).size() + ", queued "
                            + BatchFilesConsumerApp.queuedBatchesWithRecords(output) + "; log " + first.log());
            first.kill();
            long restartedAt = System.nanoTime();
            Set<Long> beforeCrash = batchTimes(output);

            ChildJvm second = driver(stack, stream, app, output, checkpoint, 0, "second");
            producer.awaitNextRecordProcessed(TIMEOUT, () -> seen(output), () -> "log " + second.log());
            producer.stop();
            List<String> produced = producer.awaitAll();
            Eventually.await(TIMEOUT, () -> seen(output).containsAll(produced),
                    () -> missing(produced, output) + " records not seen; log " + second.log());
            long recoveryMillis = (System.nanoTime() - restartedAt) / 1_000_000;

            Map<Long, List<List<String>>> runsPerBatch = BatchFilesConsumerApp.batches(output).stream()
                    .collect(Collectors.groupingBy(BatchOutput::batchTime,
                            Collectors.mapping(batch -> batch.records().stream().sorted().toList(),
                                    Collectors.toList())));
            List<Long> recomputed = runsPerBatch.entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .map(Map.Entry::getKey).sorted().toList();
            String recoveryLog = Files.readString(second.log());
            DeliveryReport report = DeliveryReport.of("driver killed (SIGKILL), restarted from its DStream checkpoint",
                    produced, seen(output), recoveryMillis).print();
            System.err.println("Batches written before the crash " + beforeCrash.size() + ", recomputed batches "
                    + recomputed + " (recovery timed from the restart)");

            assertThat(report.lost()).isZero();
            assertThat(recoveryLog).contains("Recovering batch");
            for (Long batchTime : recomputed) {
                List<List<String>> runs = runsPerBatch.get(batchTime);
                assertThat(runs).as("the records of batch %s in each run", batchTime).allMatch(runs.get(0)::equals);
            }
            second.stop();
        }
    }

    private ChildJvm driver(LocalStack stack, String stream, String app, Path output, Path checkpoint,
            long workMillis, String name) throws Exception {
        ChildJvm driver = ChildJvm.start(BatchFilesConsumerApp.class,
                Files.createTempFile("driver-" + name, ".log"), BatchFilesConsumerApp.arguments(
                        stack.kinesisEndpoint().toString(), stack.dynamoDbEndpoint().toString(), stream, app, output,
                        "checkpoint=" + checkpoint, "workMillis=" + workMillis));
        drivers.add(driver);
        return driver;
    }

    private static Set<Long> batchTimes(Path output) {
        return BatchFilesConsumerApp.batches(output).stream().map(BatchOutput::batchTime)
                .collect(Collectors.toSet());
    }

    private static List<String> seen(Path output) {
        return BatchFilesConsumerApp.batches(output).stream().flatMap(batch -> batch.records().stream())
                .filter(record -> !record.equals(WarmUp.RECORD)).toList();
    }

    private static long missing(List<String> produced, Path output) {
        Set<String> seen = new HashSet<>(seen(output));
        return produced.stream().filter(record -> !seen.contains(record)).count();
    }
}
