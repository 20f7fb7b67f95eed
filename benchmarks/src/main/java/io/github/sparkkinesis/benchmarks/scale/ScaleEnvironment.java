package io.github.sparkkinesis.benchmarks.scale;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import io.github.sparkkinesis.benchmarks.server.FastKinesisServer;
import io.github.sparkkinesis.benchmarks.server.InMemoryStream;
import io.github.sparkkinesis.benchmarks.server.RecordPayloadGenerator;
import io.github.sparkkinesis.benchmarks.server.ThroughputLimits;
import io.github.sparkkinesis.localstack.FaultInjectingProxy;
import io.github.sparkkinesis.localstack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.kinesis.testing.ChildJvm;
import org.apache.spark.streaming.kinesis.testing.StandaloneSparkCluster;

/**
 * What every scale run shares: the fast Kinesis server with Kinesis's limits and the preloaded streams (in this JVM,
 * so that the runs can see when each shard was first read), dynalite behind a counting proxy (every DynamoDB call of
 * the receivers passes it), and a standalone cluster of two workers, each running one executor per application.
 */
final class ScaleEnvironment implements AutoCloseable {

    static final int WORKERS = 2;
    /** Room for four receivers per worker and two cores for the batches, whatever the run. */
    static final int CORES_PER_WORKER = 6;
    static final String EXECUTOR_MEMORY = "4g";
    static final int RECORD_BYTES = 1024;
    /** As if written over the last ten minutes: readers see MillisBehindLatest fall as they drain. */
    private static final Duration BACKLOG_AGE = Duration.ofMinutes(10);
    /** Two I/O threads: the server must not take the cores the executors measure. */
    private static final int SERVER_IO_THREADS = 2;

    private static final String CLUSTER_FOLDER = "cluster";

    private final FastKinesisServer server;
    private final LocalStack stack;
    private final FaultInjectingProxy dynamoDb;
    private final StandaloneSparkCluster cluster;
    private final Path workDir;
    private final Map<Integer, InMemoryStream> streams = new TreeMap<>();

    private ScaleEnvironment(FastKinesisServer server, LocalStack stack, FaultInjectingProxy dynamoDb,
            StandaloneSparkCluster cluster, Path workDir) {
        this.server = server;
        this.stack = stack;
        this.dynamoDb = dynamoDb;
        this.cluster = cluster;
        this.workDir = workDir;
    }

    /** Starts everything and preloads one stream per shard count with 1 KiB records, as many as given per shard. */
    static ScaleEnvironment start(List<Integer> shardCounts, IntUnaryOperator recordsPerShard) throws IOException {
        Path workDir = Files.createTempDirectory("scale-benchmark");
        FastKinesisServer server = FastKinesisServer.start(0, SERVER_IO_THREADS, ThroughputLimits.KINESIS);
        LocalStack stack = null;
        FaultInjectingProxy proxy = null;
        try {
            stack = LocalStack.start();
            proxy = FaultInjectingProxy.start(stack.dynamoDbEndpoint());
            StandaloneSparkCluster cluster = StandaloneSparkCluster.start(workDir.resolve(CLUSTER_FOLDER), WORKERS,
                    CORES_PER_WORKER, EXECUTOR_MEMORY);
            ScaleEnvironment environment = new ScaleEnvironment(server, stack, proxy, cluster, workDir);
            for (int shards : shardCounts) {
                InMemoryStream stream = server.createStream("scale-" + shards, shards);
                stream.preload(recordsPerShard.applyAsInt(shards), RecordPayloadGenerator.repeating(RECORD_BYTES),
                        BACKLOG_AGE);
                environment.streams.put(shards, stream);
            }
            return environment;
        } catch (RuntimeException e) {
            if (proxy != null) {
                proxy.close();
            }
            if (stack != null) {
                stack.close();
            }
            server.close();
            throw e;
        }
    }

    InMemoryStream stream(int shards) {
        return streams.get(shards);
    }

    /** Kinesis at the fast server, DynamoDB at the counting proxy. */
    KinesisEndpoints endpoints() {
        return new KinesisEndpoints(server.endpoint(), dynamoDb.endpoint());
    }

    FastKinesisServer server() {
        return server;
    }

    /** DynamoDB calls so far, by operation. */
    Map<String, Long> dynamoDbCalls() {
        return dynamoDb.calls();
    }

    StandaloneSparkCluster cluster() {
        return cluster;
    }

    /**
     * The configuration of one application on the cluster: executors of {@link #EXECUTOR_MEMORY} that load this
     * harness's classes and log their collections to {@code gcLogs}.
     */
    SparkConf sparkConf(String appName, Path gcLogs) {
        String javaOptions = String.join(" ", ChildJvm.sparkJvmOptions()) + " -Xlog:gc:file=" + gcLogs
                + "/gc-%p.log";
        return new SparkConf()
                .setMaster(cluster.masterUrl())
                .setAppName(appName)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.executor.memory", EXECUTOR_MEMORY)
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executor.extraJavaOptions", javaOptions)
                .set("spark.sql.shuffle.partitions", "4")
                .set("spark.streaming.receiverRestartDelay", "1000")
                // What the troubleshooting guide tells users catching up with a backlog: without it the receivers
                // store blocks faster than the batches process them, and Spark's block store, not the receivers,
                // fills the executors' heap (seen: 4 GiB full, leases lost to collection pauses, at 64 shards).
                .set("spark.streaming.backpressure.enabled", "true");
    }

    /** Where the cluster's workers keep their executors' folders and logs. */
    Path clusterDirectory() {
        return workDir.resolve(CLUSTER_FOLDER);
    }

    /** A new folder under the harness's work folder. */
    Path newDirectory(String name) throws IOException {
        return Files.createDirectories(workDir.resolve(name));
    }

    /** Waits (up to {@code timeout}) until the previous application's executors have exited. */
    void awaitNoExecutors(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!cluster.executors().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            try {
                dynamoDb.close();
            } finally {
                try {
                    stack.close();
                } finally {
                    server.close();
                }
            }
        }
    }
}
