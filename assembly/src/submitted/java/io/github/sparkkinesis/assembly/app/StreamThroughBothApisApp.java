package io.github.sparkkinesis.assembly.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.KinesisInitialPositions;
import org.apache.spark.streaming.kinesis.KinesisInputDStream;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * The application {@code SparkSubmitOnSpark35IT} runs through {@code spark-submit}, compiled as a user's is:
 * against a Spark distribution's jars and the connector's published API (the assembly). It reads one stream
 * through both APIs, one after the other, and exits:
 * <ol>
 *   <li>Structured Streaming: {@code format("kinesis")} with {@code Trigger.AvailableNow}, from the stream's start
 *       into JSON files in {@code <output>/sql};</li>
 *   <li>DStream: a {@link KinesisInputDStream} from the stream's start until it has received
 *       {@code expected-records} distinct records, which it writes to {@code <output>/dstream.txt}.</li>
 * </ol>
 * It also prints where Guava's {@code Stopwatch} comes from, in the driver and in an executor, so that the test
 * can tell that Spark's own (old) Guava comes first there. Credentials come from the AWS SDK's default chain.
 *
 * <p>Arguments: stream-name kinesis-endpoint dynamodb-endpoint region output-dir checkpoint-dir app-name
 * expected-records
 */
public final class StreamThroughBothApisApp {

    /** Printed once both reads are done (a crash does not print it). */
    private static final String DONE = "StreamThroughBothApisApp: both reads finished";

    private StreamThroughBothApisApp() {
    }

    public static void main(String[] args)
            throws StreamingQueryException, TimeoutException, InterruptedException, IOException {
        String stream = args[0];
        Path output = Paths.get(args[4]);
        SparkSession spark = SparkSession.builder().appName("StreamThroughBothApis").getOrCreate();
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        System.out.println("Guava in the driver: " + guavaLocation());
        System.out.println("Guava in an executor: "
                + context.parallelize(List.of(1), 1).map(one -> guavaLocation()).collect().get(0));

        StreamingQuery query = spark.readStream().format("kinesis")
                .option("streamName", stream)
                .option("endpoint", args[1])
                .option("region", args[3])
                .option("initialPosition", "trim_horizon")
                .load()
                .selectExpr("cast(data as string) as text", "shardId", "sequenceNumber")
                .writeStream()
                .format("json")
                .option("path", output.resolve("sql").toString())
                .option("checkpointLocation", args[5])
                .trigger(Trigger.AvailableNow())
                .start();
        query.awaitTermination();

        int expected = Integer.parseInt(args[7]);
        Set<String> received = ConcurrentHashMap.newKeySet();
        CountDownLatch allReceived = new CountDownLatch(1);
        JavaStreamingContext ssc = new JavaStreamingContext(context, Durations.seconds(1));
        KinesisInputDStream.builder()
                .streamingContext(ssc)
                .streamName(stream)
                .checkpointAppName(args[6])
                .endpointUrl(args[1])
                .dynamoDBEndpointUrl(args[2])
                .regionName(args[3])
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .metricsLevel(MetricsLevel.NONE)
                .build()
                .asJava()
                .foreachRDD(rdd -> {
                    for (byte[] record : rdd.collect()) {
                        received.add(new String(record, StandardCharsets.UTF_8));
                    }
                    if (received.size() >= expected) {
                        allReceived.countDown();
                    }
                });
        ssc.start();
        // The test bounds the wait: if the receiver cannot run, it kills this process and shows its log.
        allReceived.await();
        ssc.stop(false, false);
        Files.write(output.resolve("dstream.txt"), new TreeSet<>(received), StandardCharsets.UTF_8);

        System.out.println(DONE);
        spark.stop();
    }

    /** The jar Guava's {@code Stopwatch} is loaded from in this JVM, or "none". */
    private static String guavaLocation() {
        try {
            return Class.forName("com.google.common.base.Stopwatch").getProtectionDomain().getCodeSource()
                    .getLocation().toString();
        } catch (ClassNotFoundException e) {
            return "none";
        }
    }
}
