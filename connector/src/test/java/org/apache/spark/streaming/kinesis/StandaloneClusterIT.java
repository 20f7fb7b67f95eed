package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import org.apache.spark.streaming.kinesis.testing.BoundedProducer;
import org.apache.spark.streaming.kinesis.testing.ChildJvm;
import org.apache.spark.streaming.kinesis.testing.ClusterConsumerApp;
import org.apache.spark.streaming.kinesis.testing.DeliveryReport;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.StandaloneSparkCluster;
import org.apache.spark.streaming.kinesis.testing.WarmUp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real multi-process cluster: a standalone Master, two Workers and their executors, and the driver, each its own
 * JVM. The executor running the receiver is killed mid-stream: Spark starts the receiver on the other executor, the
 * shard leases move to it, and the blocks that died with the executor are read again from Kinesis. Every record
 * produced is counted at least once.
 */
@ExtendWith(LocalStackExtension.class)
class StandaloneClusterIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    /** A cap only: production stops once the restarted receiver reads new records (a few hundred on a quiet box). */
    private static final int MAX_RECORDS = 6000;
    private static final int RECORDS_PER_SECOND = 40;

    @Test
    void killingTheReceiversExecutorLosesNothing(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("cluster", 2);
        String app = KinesisStreamFixture.uniqueName("app");
        Path work = Files.createTempDirectory("standalone");
        Path output = Files.createDirectories(work.resolve("output"));
        // Slow batches until the kill, so that the killed executor holds blocks of batches still waiting.
        Path slowBatches = Files.createFile(output.resolve(ClusterConsumerApp.SLOW_BATCHES_MARKER));
        try (StandaloneSparkCluster cluster = StandaloneSparkCluster.start(work, 2, 2);
                ChildJvm driver = ChildJvm.start(ClusterConsumerApp.class, work.resolve("driver.log"),
                        cluster.masterUrl(), stack.kinesisEndpoint().toString(), stack.dynamoDbEndpoint().toString(),
                        stream, app, output.toString(), ChildJvm.testClasspath())) {
            // Production starts once the application reads: on a busy machine the cluster, the driver and its
            // executors take long to start, and records produced meanwhile would all be read at once.
            WarmUp.await(stack, stream, TIMEOUT, () -> records(output), () -> "driver log " + driver.log());
            try (BoundedProducer producer = BoundedProducer.start(stack, stream, "c", MAX_RECORDS,
                    RECORDS_PER_SECOND)) {
                // Mid-stream: records processed and both shards checkpointed, so the duplicates measured are those of
                // a running application, not of one that never checkpointed.
                Eventually.await(TIMEOUT, () -> records(output).size() > 50 && !receiverStarts(output).isEmpty()
                                && stack.leaseTables().checkpointedSequenceNumbers(app).size() == 2,
                        () -> records(output).size() + " records so far, checkpoints "
                                + stack.leaseTables().checkpointedSequenceNumbers(app) + "; driver log "
                                + driver.log());
                List<String[]> startsBeforeKill = receiverStarts(output);
                String receiverExecutor = startsBeforeKill.get(startsBeforeKill.size() - 1)[0];
                ProcessHandle executor = cluster.executor(receiverExecutor).orElseThrow(() ->
                        new AssertionError("no process for executor " + receiverExecutor));

                // By construction now: the producer stops when told to below (its count is only a cap).
                assertThat(producer.isDone()).as("the producer is still running when the executor is killed")
                        .isFalse();
                executor.destroyForcibly();
                long killedAt = System.currentTimeMillis();
                Files.delete(slowBatches);

                // Records keep coming until the receiver, restarted on the other executor, has read one produced
                // after its restart: the restarted receiver reads new records as well as the lost blocks' ones.
                Eventually.await(TIMEOUT, () -> receiverStarts(output).size() > startsBeforeKill.size(),
                        () -> "the receiver was not restarted; driver log " + driver.log());
                producer.awaitNextRecordProcessed(TIMEOUT, () -> records(output), () -> "driver log " + driver.log());
                producer.stop();

                List<String> produced = producer.awaitAll();
                long producedAt = System.currentTimeMillis();
                Eventually.await(TIMEOUT, () -> new HashSet<>(records(output)).containsAll(produced),
                        () -> "seen " + new HashSet<>(records(output)).size() + " of " + produced.size()
                                + "; driver log " + driver.log());
                // Recovery is timed from the last record produced: the producer runs on long after the kill.
                DeliveryReport report = DeliveryReport.of(
                        "receiver's executor killed (SIGKILL) on a standalone cluster", produced, processed(output),
                        System.currentTimeMillis() - producedAt).print();
                // The re-read count is written after each batch completes, just after the batch's records.
                Eventually.await(TIMEOUT, () -> reread(output) > 0,
                        () -> "no record re-read from Kinesis; driver log " + driver.log());
                List<String[]> starts = receiverStarts(output);
                String[] restart = starts.get(starts.size() - 1);
                System.err.println("Receiver started on executors " + starts.stream().map(start -> start[0]).toList()
                        + "; restarted " + (Long.parseLong(restart[1]) - killedAt) + " ms after the kill; "
                        + reread(output) + " records of lost blocks re-read from Kinesis");

                assertThat(report.lost()).isZero();
                assertThat(restart[0]).isNotEqualTo(receiverExecutor);
                driver.stop();
            }
        }
    }

    /** The records processed, without the warm-up record. */
    private static List<String> processed(Path output) {
        return records(output).stream().filter(record -> !record.equals(WarmUp.RECORD)).toList();
    }

    private static List<String> records(Path output) {
        return ClusterConsumerApp.lines(output, "records.txt");
    }

    /** Executor id and wall-clock time of each receiver start, in order. */
    private static List<String[]> receiverStarts(Path output) {
        return ClusterConsumerApp.lines(output, "receivers.txt").stream().map(line -> line.split(" ")).toList();
    }

    private static long reread(Path output) {
        List<String> lines = ClusterConsumerApp.lines(output, "reread.txt");
        return lines.isEmpty() ? 0 : Long.parseLong(lines.get(0).trim());
    }

}
