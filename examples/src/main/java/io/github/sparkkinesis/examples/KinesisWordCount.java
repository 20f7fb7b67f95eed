package io.github.sparkkinesis.examples;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

/**
 * Counts the words of a Kinesis stream, batch by batch: one DStream per shard (so several receivers share the
 * shards), unioned, each record split on spaces.
 *
 * <pre>
 * Usage: KinesisWordCount &lt;app-name&gt; &lt;stream-name&gt; &lt;endpoint-url&gt; &lt;region-name&gt;
 *   e.g. spark-submit --class io.github.sparkkinesis.examples.KinesisWordCount examples.jar \
 *            my-word-count words https://kinesis.eu-west-1.amazonaws.com eu-west-1
 * </pre>
 *
 * The application name is also the DynamoDB lease table that holds the checkpoints. Credentials come from the
 * AWS SDK's default chain. DynamoDB and CloudWatch use the region's standard endpoints unless the standard AWS
 * settings say otherwise ({@code AWS_ENDPOINT_URL_DYNAMODB}, {@code AWS_ENDPOINT_URL_CLOUDWATCH}).
 */
public final class KinesisWordCount {

    static final Duration BATCH_INTERVAL = new Duration(2000);

    private KinesisWordCount() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 4) {
            System.err.println("Usage: KinesisWordCount <app-name> <stream-name> <endpoint-url> <region-name>");
            System.exit(1);
        }
        SparkConf conf = new SparkConf().setAppName("KinesisWordCount");
        if (!conf.contains("spark.master")) {
            // One core per receiver (one per shard) plus some to process the batches.
            conf.setMaster("local[*]");
        }
        JavaStreamingContext ssc = new JavaStreamingContext(conf, BATCH_INTERVAL);
        wordCounts(ssc, args[0], args[1], args[2], args[3]).print();
        ssc.start();
        ssc.awaitTermination();
    }

    /** The per-batch word counts of the stream. */
    public static JavaPairDStream<String, Integer> wordCounts(JavaStreamingContext ssc, String appName,
            String streamName, String endpointUrl, String regionName) {
        int shards = Math.max(1, openShardCount(streamName, endpointUrl, regionName));
        List<JavaDStream<byte[]>> perShard = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            perShard.add(KinesisInputDStream.builder()
                    .streamingContext(ssc)
                    .streamName(streamName)
                    .endpointUrl(endpointUrl)
                    .regionName(regionName)
                    .checkpointAppName(appName)
                    .initialPosition(new KinesisInitialPositions.Latest())
                    .checkpointInterval(BATCH_INTERVAL)
                    .build()
                    .asJava());
        }
        JavaDStream<byte[]> records = perShard.get(0);
        for (JavaDStream<byte[]> shardStream : perShard.subList(1, perShard.size())) {
            records = records.union(shardStream);
        }
        return records
                .flatMap(bytes -> Arrays.asList(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                        .split(" ")).iterator())
                .filter(word -> !word.isEmpty())
                .mapToPair(word -> new Tuple2<>(word, 1))
                .reduceByKey(Integer::sum);
    }

    private static int openShardCount(String streamName, String endpointUrl, String regionName) {
        try (KinesisClient kinesis = KinesisClients.create(endpointUrl, Region.of(regionName))) {
            return kinesis.describeStreamSummary(b -> b.streamName(streamName))
                    .streamDescriptionSummary().openShardCount();
        }
    }
}
