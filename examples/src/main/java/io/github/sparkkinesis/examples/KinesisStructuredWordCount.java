package io.github.sparkkinesis.examples;

import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.desc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Counts the words of a Kinesis stream with Structured Streaming: {@code format("kinesis")}, each record split on
 * spaces, running totals printed to the console after every micro-batch (most frequent first).
 *
 * <pre>
 * Usage: KinesisStructuredWordCount &lt;stream-name&gt; &lt;endpoint-url&gt; &lt;region-name&gt; [&lt;initial-position&gt;]
 *   e.g. spark-submit --jars spark-streaming-kinesis-assembly_2.13-0.1.0-SNAPSHOT.jar \
 *            --class io.github.sparkkinesis.examples.KinesisStructuredWordCount examples.jar \
 *            words https://kinesis.eu-west-1.amazonaws.com eu-west-1
 * </pre>
 *
 * The initial position is {@code trim_horizon} unless given ({@code latest}, {@code trim_horizon}, or an
 * {@code at_timestamp} JSON): a demo then counts what was sent before it started too, whichever of producer and
 * query starts first. The source's own default is {@code latest}. The query keeps no checkpoint, so every run
 * starts again at the initial position. Credentials come from the AWS SDK's default chain.
 */
public final class KinesisStructuredWordCount {

    static final String DEFAULT_INITIAL_POSITION = "trim_horizon";
    static final long TRIGGER_SECONDS = 2;

    private KinesisStructuredWordCount() {
    }

    public static void main(String[] args) throws TimeoutException, StreamingQueryException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("Usage: KinesisStructuredWordCount <stream-name> <endpoint-url> <region-name> "
                    + "[<initial-position>]");
            System.exit(1);
        }
        SparkConf conf = new SparkConf().setAppName("KinesisStructuredWordCount");
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        if (!conf.contains("spark.sql.shuffle.partitions")) {
            // A few words of state: Spark's default of 200 partitions would run 200 tiny tasks every batch.
            conf.set("spark.sql.shuffle.partitions", "4");
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        String initialPosition = args.length == 4 ? args[3] : DEFAULT_INITIAL_POSITION;
        StreamingQuery query = wordCounts(spark, args[0], args[1], args[2], initialPosition)
                .writeStream()
                .outputMode("complete")
                .format("console")
                .option("truncate", "false")
                .trigger(Trigger.ProcessingTime(TRIGGER_SECONDS, TimeUnit.SECONDS))
                .start();
        query.awaitTermination();
    }

    /** The running count of every word of the stream's records, most frequent first. */
    public static Dataset<Row> wordCounts(SparkSession spark, String streamName, String endpointUrl,
            String regionName, String initialPosition) {
        return spark.readStream().format("kinesis")
                .option("streamName", streamName)
                .option("endpoint", endpointUrl)
                .option("region", regionName)
                .option("initialPosition", initialPosition)
                .load()
                .selectExpr("explode(split(cast(data as string), ' ')) as word")
                .where("word != ''")
                .groupBy("word")
                .count()
                .orderBy(desc("count"), asc("word"));
    }
}
