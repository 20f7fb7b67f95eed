package org.apache.spark.streaming.kinesis.testing;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * One local SparkContext for the whole test JVM (starting Spark takes seconds), and a fresh streaming context per
 * test on top of it. Receivers each occupy a core, so the local master has enough for several receivers plus
 * batch processing.
 */
public final class SparkTestContext {

    public static final Duration DEFAULT_BATCH = new Duration(1000);
    /**
     * The serializer of the in-JVM test contexts: Kryo, which many production jobs set, so nothing the connector
     * ships between driver and executors may depend on Spark's default Java serializer. Child-JVM test
     * applications keep the default, so both are run.
     */
    public static final String IN_JVM_SERIALIZER = "org.apache.spark.serializer.KryoSerializer";
    private static final String MASTER = "local[6]";
    private static JavaSparkContext sparkContext;

    private SparkTestContext() {
    }

    public static synchronized JavaSparkContext sparkContext() {
        if (sparkContext == null) {
            SparkConf conf = localConf(MASTER, "spark-streaming-kinesis-tests")
                    .set("spark.streaming.receiverRestartDelay", "500")
                    .set("spark.streaming.stopGracefullyOnShutdown", "false")
                    .set("spark.serializer", IN_JVM_SERIALIZER);
            sparkContext = new JavaSparkContext(conf);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> sparkContext.stop()));
        }
        return sparkContext;
    }

    /**
     * The configuration every test application starts from, in this JVM or a child one: no UI, and the driver on
     * the loopback interface (the machine's host name may not resolve).
     */
    public static SparkConf localConf(String master, String appName) {
        return new SparkConf()
                .setMaster(master)
                .setAppName(appName)
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
    }

    /** A new streaming context with the given batch interval on the shared SparkContext. */
    public static JavaStreamingContext newStreamingContext(Duration batch) {
        return new JavaStreamingContext(sparkContext(), batch);
    }

    /** A new streaming context with one-second batches. */
    public static JavaStreamingContext newStreamingContext() {
        return newStreamingContext(DEFAULT_BATCH);
    }

    /** Stops the streaming context (not the shared SparkContext), waiting for receivers to shut down. */
    public static void stop(JavaStreamingContext ssc) {
        if (ssc != null) {
            ssc.stop(false, false);
        }
    }
}
