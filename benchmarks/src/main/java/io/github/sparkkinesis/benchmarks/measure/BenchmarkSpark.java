package io.github.sparkkinesis.benchmarks.measure;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * The one local SparkContext every measurement of a harness run shares (starting Spark takes seconds), and the
 * SparkSession of the Structured Streaming measurements on top of it.
 */
public final class BenchmarkSpark {

    // One receiver occupies a task slot for good; the others run the batches. Threads, not cores.
    private static final String MASTER = "local[4]";
    private static JavaSparkContext context;
    private static SparkSession session;

    private BenchmarkSpark() {
    }

    public static synchronized JavaSparkContext context() {
        if (context == null) {
            SparkConf conf = new SparkConf()
                    .setMaster(MASTER)
                    .setAppName("spark-streaming-kinesis-benchmark")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            context = new JavaSparkContext(conf);
        }
        return context;
    }

    /** A session on the shared context: the DStream and the Structured Streaming source run on the same Spark. */
    static synchronized SparkSession session() {
        if (session == null) {
            context();
            session = SparkSession.builder().getOrCreate();
            // A count's final aggregation, the only shuffle of the benchmark queries, needs no more than the cores.
            session.conf().set("spark.sql.shuffle.partitions", "4");
        }
        return session;
    }

    /** A streaming context with one-second batches, the batch interval of every measurement. */
    static JavaStreamingContext newStreamingContext() {
        return new JavaStreamingContext(context(), Durations.seconds(1));
    }

    public static synchronized void stop() {
        if (context != null) {
            context.stop();
            context = null;
            session = null;
        }
    }
}
