package io.github.sparkkinesis.benchmarks.scale;

import io.github.sparkkinesis.benchmarks.measure.LoadAverage;
import io.github.sparkkinesis.benchmarks.measure.SourceSettings;
import io.github.sparkkinesis.benchmarks.server.InMemoryStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * One Structured Streaming query on the standalone cluster reading a preloaded stream at the source's defaults, with
 * a one-second processing-time trigger and a sink that only counts ({@code noop}). It measures the time until every
 * shard is being read, records and executor CPU over a window of micro-batches, and the driver's planning time per
 * micro-batch from Spark's progress reports.
 */
final class SourceScaleRun {

    /** At least this many micro-batches in the window, so that the planning percentiles mean something. */
    private static final int MIN_BATCHES = 10;
    private static final Duration MAX_WINDOW = Duration.ofSeconds(150);
    private static final Duration SETTLE = Duration.ofSeconds(5);

    private SourceScaleRun() {
    }

    static ScaleResult run(ScaleEnvironment environment, int shards) throws Exception {
        InMemoryStream stream = environment.stream(shards);
        stream.forgetReads();
        environment.awaitNoExecutors(Duration.ofSeconds(60));
        String label = "source-" + shards + "-shards";
        Path gcLogs = environment.newDirectory("gc-" + label + "-" + UUID.randomUUID());
        Path checkpoint = environment.newDirectory("checkpoint-" + label + "-" + UUID.randomUUID());
        double load = LoadAverage.sample();
        Map<String, Long> throttledBefore = environment.server().throttledCalls();
        Map<String, Long> kinesisBefore = environment.server().calls();
        SparkSession spark = SparkSession.builder().config(environment.sparkConf("scale-" + label, gcLogs))
                .getOrCreate();
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        FetchJobTimes fetchJobs = new FetchJobTimes();
        spark.sparkContext().addSparkListener(fetchJobs);
        StreamingQuery query = null;
        try (ExecutorSampler sampler = new ExecutorSampler(environment.cluster()::executors,
                () -> StorageMemory.usedBytes(sc))) {
            Dataset<Row> rows = SourceSettings.DEFAULTS.load(spark, environment.endpoints(), stream.name());
            long start = System.nanoTime();
            StreamingQuery started = rows.writeStream().format("noop").trigger(Trigger.ProcessingTime(1_000))
                    .option("checkpointLocation", checkpoint.toString()).start();
            query = started;
            double allRead = ShardReadWatch.awaitAllRead(stream, start, DStreamScaleRun.ALL_READ_TIMEOUT,
                    () -> !started.isActive());
            int shardsRead = ShardReadWatch.shardsRead(stream);
            System.out.printf("  %s: %d of %d shards read, all after %.1f s%n", label, shardsRead, shards, allRead);
            if (started.exception().isDefined()) {
                throw new IllegalStateException("The query failed", started.exception().get());
            }

            Thread.sleep(SETTLE.toMillis());
            long lastBatchBefore = lastBatchId(started);
            double cpuBefore = sampler.cpuSeconds();
            long windowStart = System.nanoTime();
            long windowEnd = windowStart + MAX_WINDOW.toNanos();
            while ((System.nanoTime() - windowStart < DStreamScaleRun.WINDOW.toNanos()
                    || lastBatchId(started) - lastBatchBefore < MIN_BATCHES) && System.nanoTime() < windowEnd
                    && started.isActive()) {
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            double cpu = sampler.cpuSeconds() - cpuBefore;
            List<StreamingQueryProgress> progress = Arrays.asList(started.recentProgress());
            long records = progress.stream().filter(p -> p.batchId() > lastBatchBefore)
                    .mapToLong(StreamingQueryProgress::numInputRows).sum();
            // Every micro-batch but the first, whose planning includes the query's start (first shard listing).
            PlanningTimes planning = PlanningTimes.of(progress.stream().filter(p -> p.batchId() > 0).toList(),
                    fetchJobs);
            ScaleResult result = new ScaleResult("readStream", shards, 0, ReceiverSettings.DEFAULTS, allRead, shardsRead,
                    records / seconds, cpu / records * 1_000_000, Double.NaN, GcHeap.read(gcLogs),
                    sampler.peakRssBytesPerExecutor(), sampler.peakStorageBytes(),
                    new DynamoDbTraffic(Map.of()),
                    OperationCounts.between(kinesisBefore, environment.server().calls()),
                    OperationCounts.between(throttledBefore, environment.server().throttledCalls()), 0, planning,
                    load);
            System.out.println("  " + result);
            return result;
        } finally {
            if (query != null) {
                query.stop();
            }
            spark.stop();
        }
    }

    private static long lastBatchId(StreamingQuery query) {
        StreamingQueryProgress last = query.lastProgress();
        return last == null ? -1 : last.batchId();
    }
}
