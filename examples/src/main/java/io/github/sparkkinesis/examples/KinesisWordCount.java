package io.github.sparkkinesis.examples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.KinesisInitialPositions;
import org.apache.spark.streaming.kinesis.KinesisInputDStream;
import scala.Tuple2;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * Counts the words of a Kinesis stream, batch by batch: one DStream per shard (so several receivers share the
 * shards), unioned, each record split on spaces.
 *
 * <pre>
 * Usage: KinesisWordCount &lt;app-name&gt; &lt;stream-name&gt; &lt;endpoint-url&gt; &lt;region-name&gt; [&lt;metrics-level&gt;]
 *   e.g. spark-submit --class io.github.sparkkinesis.examples.KinesisWordCount examples.jar \
 *            my-word-count words https://kinesis.eu-west-1.amazonaws.com eu-west-1
 * </pre>
 *
 * The application name is also the DynamoDB lease table that holds the checkpoints. Credentials come from the
 * AWS SDK's default chain. DynamoDB and CloudWatch use the region's standard endpoints unless the standard AWS
 * settings say otherwise ({@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_CLOUDWATCH}). The KCL's
 * CloudWatch metrics are {@code DETAILED} (the connector's default) against an AWS endpoint and {@code NONE}
 * elsewhere, where there is no CloudWatch; the fifth argument chooses another level.
 *
 * <p>Each receiver keeps a core: without a master, the example runs locally with more threads than receivers, and
 * it refuses a master with too few cores rather than wait for batches that would never run.
 */
public final class KinesisWordCount {

    static final Duration BATCH_INTERVAL = new Duration(2000);
    static final String USAGE = "Usage: KinesisWordCount <app-name> <stream-name> <endpoint-url> <region-name> "
            + "[<metrics-level>]\n  <metrics-level>: the KCL's CloudWatch metrics, NONE, SUMMARY or DETAILED "
            + "(default: DETAILED against AWS, NONE against other endpoints, which have no CloudWatch)";

    private KinesisWordCount() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 4 || args.length > 5) {
            System.err.println(USAGE);
            System.exit(1);
        }
        JavaStreamingContext ssc;
        try {
            ssc = setUp(new SparkConf().setAppName("KinesisWordCount"), Runtime.getRuntime().availableProcessors(),
                    args);
        } catch (IllegalArgumentException | MissingStreamException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        ssc.start();
        ssc.awaitTermination();
    }

    /**
     * Checks the arguments, the stream and the cores, then creates the streaming context that prints the counts.
     *
     * @param processors the cores of this machine
     * @throws IllegalArgumentException for an invalid argument or a master with too few cores, saying what to change
     * @throws MissingStreamException   if the stream does not exist, saying how to create it
     */
    static JavaStreamingContext setUp(SparkConf conf, int processors, String... args) {
        String appName = args[0];
        String streamName = args[1];
        KinesisEndpoint endpoint = KinesisEndpoint.of(args[2]);
        String regionName = args[3];
        MetricsLevel metrics = args.length > 4 ? metricsLevel(args[4]) : defaultMetricsLevel(endpoint);
        if (args.length == 4) {
            System.err.println("KinesisWordCount: KCL metrics " + metrics + " (" + (endpoint.isAws()
                    ? "the connector's default" : "there is no CloudWatch off AWS")
                    + "; a fifth argument chooses NONE, SUMMARY or DETAILED)");
        }
        int receivers = Math.max(1, openShardCount(streamName, endpoint, regionName));
        ReceiverCores.configure(conf, receivers, "one per shard of stream '" + streamName + "'", processors);
        JavaStreamingContext ssc = new JavaStreamingContext(conf, BATCH_INTERVAL);
        wordCounts(ssc, appName, streamName, endpoint, regionName, receivers, metrics).print();
        return ssc;
    }

    /** The per-batch word counts of the stream, with the metrics level suited to the endpoint. */
    public static JavaPairDStream<String, Integer> wordCounts(JavaStreamingContext ssc, String appName,
            String streamName, String endpointUrl, String regionName) {
        KinesisEndpoint endpoint = KinesisEndpoint.of(endpointUrl);
        return wordCounts(ssc, appName, streamName, endpoint, regionName,
                Math.max(1, openShardCount(streamName, endpoint, regionName)), defaultMetricsLevel(endpoint));
    }

    private static JavaPairDStream<String, Integer> wordCounts(JavaStreamingContext ssc, String appName,
            String streamName, KinesisEndpoint endpoint, String regionName, int receivers, MetricsLevel metrics) {
        List<JavaDStream<byte[]>> perShard = new ArrayList<>();
        for (int i = 0; i < receivers; i++) {
            perShard.add(KinesisInputDStream.builder()
                    .streamingContext(ssc)
                    .streamName(streamName)
                    .endpointUrl(endpoint.toString())
                    .regionName(regionName)
                    .checkpointAppName(appName)
                    .initialPosition(new KinesisInitialPositions.Latest())
                    .checkpointInterval(BATCH_INTERVAL)
                    .metricsLevel(metrics)
                    .build()
                    .asJava());
        }
        JavaDStream<byte[]> records = perShard.get(0);
        for (JavaDStream<byte[]> shardStream : perShard.subList(1, perShard.size())) {
            records = records.union(shardStream);
        }
        return records
                .flatMap(bytes -> Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split(" ")).iterator())
                .filter(word -> !word.isEmpty())
                .mapToPair(word -> new Tuple2<>(word, 1))
                .reduceByKey(Integer::sum);
    }

    /** No metrics off AWS: there is no CloudWatch next to a local or emulated Kinesis, and every call would fail. */
    static MetricsLevel defaultMetricsLevel(KinesisEndpoint endpoint) {
        return endpoint.isAws() ? MetricsLevel.DETAILED : MetricsLevel.NONE;
    }

    static MetricsLevel metricsLevel(String name) {
        try {
            return MetricsLevel.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + name + "' is not a metrics level; use NONE, SUMMARY or DETAILED",
                    e);
        }
    }

    private static int openShardCount(String streamName, KinesisEndpoint endpoint, String regionName) {
        Region region = Region.of(regionName);
        try (KinesisClient kinesis = KinesisClients.create(endpoint, region)) {
            return KinesisClients.openShardCount(kinesis, streamName, endpoint, region);
        }
    }
}
