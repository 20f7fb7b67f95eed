package io.github.sparkkinesis.benchmarks.scale;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import io.github.sparkkinesis.benchmarks.measure.ConsumerSettings;
import io.github.sparkkinesis.benchmarks.measure.LoadAverage;
import io.github.sparkkinesis.benchmarks.server.InMemoryStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.KinesisInputDStream;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverError;

/**
 * One DStream application on the standalone cluster reading a preloaded stream with {@code receivers} receivers (as
 * many DStreams of one application name, so they share the shards' leases) at the connector's default settings, unless
 * the run's {@link ReceiverSettings} change some. It measures the time until every shard is being read, then a steady window of
 * records, CPU and DynamoDB calls, and (for a stream it drains within the time allowed) the drain rate.
 */
final class DStreamScaleRun {

    /** Every shard of a 1,024-shard stream should be read within 60 s; three times that before giving up. */
    static final Duration ALL_READ_TIMEOUT = Duration.ofSeconds(180);
    /** From the moment every shard is read: the receivers' steady state (leases renewed, checkpoints written). */
    static final Duration WINDOW = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final org.apache.spark.streaming.Duration BATCH = Durations.seconds(1);
    /** Records counted by the runs' batches (static: the batches' results arrive in this JVM, the driver). */
    private static final AtomicLong PROCESSED = new AtomicLong();

    private DStreamScaleRun() {
    }

    /**
     * @param settings what differs from the connector's defaults
     * @param drainTimeout how long to wait for the whole stream to be processed after the window; zero: do not
     */
    static ScaleResult run(ScaleEnvironment environment, int shards, int receivers, ReceiverSettings settings,
            Duration drainTimeout) throws Exception {
        InMemoryStream stream = environment.stream(shards);
        stream.forgetReads();
        environment.awaitNoExecutors(Duration.ofSeconds(60));
        String label = shards + "-shards-" + receivers + "-receivers" + settings.label();
        Path gcLogs = environment.newDirectory("gc-dstream-" + label + "-" + UUID.randomUUID());
        double load = LoadAverage.sample();
        PROCESSED.set(0);
        Map<String, Long> throttledBefore = environment.server().throttledCalls();
        Map<String, Long> kinesisBefore = environment.server().calls();
        JavaSparkContext sc = new JavaSparkContext(environment.sparkConf("scale-" + label, gcLogs));
        JavaStreamingContext ssc = new JavaStreamingContext(sc, BATCH);
        AtomicBoolean receiverFailed = new AtomicBoolean();
        try (ExecutorSampler sampler = new ExecutorSampler(environment.cluster()::executors,
                () -> StorageMemory.usedBytes(sc))) {
            String app = "scale-" + UUID.randomUUID();
            for (int i = 0; i < receivers; i++) {
                dstream(ssc, environment.endpoints(), stream.name(), app, settings).asJava()
                        .foreachRDD(rdd -> PROCESSED.addAndGet(rdd.count()));
            }
            ssc.addStreamingListener(new StreamingListener() {
                @Override
                public void onReceiverError(StreamingListenerReceiverError error) {
                    System.out.println("  receiver error: " + error.receiverInfo().lastErrorMessage());
                }
            });
            long start = System.nanoTime();
            ssc.start();
            double allRead = ShardReadWatch.awaitAllRead(stream, start, ALL_READ_TIMEOUT, receiverFailed::get);
            int shardsRead = ShardReadWatch.shardsRead(stream);
            System.out.printf("  %s: %d of %d shards read, all after %.1f s; %s%n", label, shardsRead, shards, allRead,
                    ShardReadWatch.firstReads(stream, start));

            Thread.sleep(SETTLE.toMillis());
            long recordsBefore = PROCESSED.get();
            double cpuBefore = sampler.cpuSeconds();
            Map<String, Long> callsBefore = environment.dynamoDbCalls();
            long windowStart = System.nanoTime();
            Thread.sleep(WINDOW.toMillis());
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            long records = PROCESSED.get() - recordsBefore;
            double cpu = sampler.cpuSeconds() - cpuBefore;
            DynamoDbTraffic dynamoDb = DynamoDbTraffic.between(callsBefore, environment.dynamoDbCalls(), seconds);

            double drain = Double.NaN;
            if (!drainTimeout.isZero()) {
                // Until the server has served every shard's end: records processed would count a shard read again
                // after a lost lease twice, and stop the wait before every shard's end was read.
                long deadline = System.nanoTime() + drainTimeout.toNanos();
                while (!ShardReadWatch.allEndsServed(stream) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                drain = ShardReadWatch.drainRecordsPerSecond(stream);
            }
            GcHeap heap = GcHeap.read(gcLogs);
            long leasesLost = ExecutorLogs.count(environment.clusterDirectory(), sc.sc().applicationId(),
                    ExecutorLogs.LEASE_LOST);
            ScaleResult result = new ScaleResult("DStream", shards, receivers, settings, allRead,
                    shardsRead, records / seconds, cpu / records * 1_000_000, drain, heap,
                    sampler.peakRssBytesPerExecutor(), sampler.peakStorageBytes(), dynamoDb,
                    OperationCounts.between(kinesisBefore, environment.server().calls()),
                    OperationCounts.between(throttledBefore, environment.server().throttledCalls()), leasesLost, null,
                    load);
            System.out.println("  " + result);
            return result;
        } finally {
            ssc.stop(true, false);
        }
    }

    private static KinesisInputDStream<byte[]> dstream(JavaStreamingContext ssc, KinesisEndpoints endpoints,
            String stream, String app, ReceiverSettings settings) {
        KinesisInputDStream.Builder builder = ConsumerSettings.defaultBuilder(ssc, endpoints, stream, app);
        settings.applyTo(builder);
        return builder.build();
    }
}
