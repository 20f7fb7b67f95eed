package io.github.sparkkinesis.sql.testing;

import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.streaming.kinesis.testing.SparkTestContext;

/**
 * A Structured Streaming query in its own JVM, for tests that kill its driver: reads a stream of the local stack
 * and writes each record's text to a JSON file sink, taking {@code millisPerPartition} per partition so that
 * killing the JVM catches a batch in the middle.
 *
 * <p>Arguments: kinesis-endpoint region access-key secret-key stream checkpoint-dir output-dir
 * max-records-per-trigger millis-per-partition
 */
public final class FileSinkQueryApp {

    private FileSinkQueryApp() {
    }

    public static void main(String[] args) throws Exception {
        SparkSession spark = SparkSession.builder()
                .config(SparkTestContext.localConf("local[3]", "file-sink-query"))
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        long millisPerPartition = Long.parseLong(args[8]);
        Dataset<String> texts = spark.readStream().format("kinesis")
                .option("endpoint", args[0])
                .option("region", args[1])
                .option("awsAccessKey", args[2])
                .option("awsSecretKey", args[3])
                .option("streamName", args[4])
                .option("initialPosition", "trim_horizon")
                .option("maxRecordsPerTrigger", args[7])
                .load()
                .selectExpr("cast(data as string) as text")
                .as(Encoders.STRING())
                .mapPartitions((MapPartitionsFunction<String, String>) rows -> {
                    TimeUnit.MILLISECONDS.sleep(millisPerPartition);
                    return rows;
                }, Encoders.STRING());
        StreamingQuery query = texts.toDF("text").writeStream()
                .format("json")
                .option("checkpointLocation", args[5])
                .option("path", args[6])
                .trigger(Trigger.ProcessingTime(500, TimeUnit.MILLISECONDS))
                .start();
        query.awaitTermination();
    }

    /** The texts the file sink committed (only files in its metadata log count). */
    public static java.util.List<String> committed(SparkSession spark, String output) {
        return spark.read().schema("text STRING").json(output).collectAsList().stream()
                .map(row -> row.getString(0)).toList();
    }
}
