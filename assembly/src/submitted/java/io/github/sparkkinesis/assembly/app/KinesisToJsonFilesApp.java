package io.github.sparkkinesis.assembly.app;

import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The application {@code AssemblyStructuredStreamingIT} runs through {@code spark-submit}: copies a Kinesis stream,
 * from its start to what it held when the query started ({@code Trigger.AvailableNow}), into JSON files, then
 * exits. It names the source only as {@code format("kinesis")} and uses no class of ours, so it runs only if
 * Spark finds the source in the jars given with {@code --jars}. Credentials come from the AWS SDK's default chain.
 *
 * <p>Arguments: stream-name kinesis-endpoint region output-dir checkpoint-dir
 */
public final class KinesisToJsonFilesApp {

    /** Printed once the query has stopped by itself, so that the test can tell a finished run from a crash. */
    private static final String DONE = "KinesisToJsonFilesApp: query finished";

    private KinesisToJsonFilesApp() {
    }

    public static void main(String[] args) throws StreamingQueryException, TimeoutException {
        SparkSession spark = SparkSession.builder().appName("KinesisToJsonFiles").getOrCreate();
        StreamingQuery query = spark.readStream().format("kinesis")
                .option("streamName", args[0])
                .option("endpoint", args[1])
                .option("region", args[2])
                .option("initialPosition", "trim_horizon")
                .load()
                .selectExpr("cast(data as string) as text", "shardId", "sequenceNumber")
                .writeStream()
                .format("json")
                .option("path", args[3])
                .option("checkpointLocation", args[4])
                .trigger(Trigger.AvailableNow())
                .start();
        query.awaitTermination();
        System.out.println(DONE);
        spark.stop();
    }
}
