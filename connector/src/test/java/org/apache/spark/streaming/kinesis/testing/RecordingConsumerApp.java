package org.apache.spark.streaming.kinesis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.KinesisInitialPositions;

/**
 * A Spark Streaming application, run in its own JVM by tests, that reads a stream of the local stack and appends
 * every record (as a UTF-8 line) to a file after each batch. It stops gracefully on SIGTERM.
 *
 * <p>Arguments: kinesis-endpoint dynamodb-endpoint stream-name app-name output-file [fan-out-consumer-name]; with
 * the last one it reads with enhanced fan-out through that consumer (the endpoint must serve it).
 */
public final class RecordingConsumerApp {

    private RecordingConsumerApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        String kinesisEndpoint = args[0];
        String dynamoDbEndpoint = args[1];
        String stream = args[2];
        String app = args[3];
        Path output = Paths.get(args[4]);
        SparkConf conf = SparkTestContext.localConf("local[3]", "recording-consumer")
                .set("spark.streaming.stopGracefullyOnShutdown", "true");
        JavaStreamingContext ssc = new JavaStreamingContext(conf, new Duration(1000));
        LocalStackDStreams.builder(ssc, kinesisEndpoint, dynamoDbEndpoint, stream, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .enhancedFanOutConsumerName(args.length > 5 ? args[5] : null)
                .build()
                .asJava()
                .foreachRDD(rdd -> append(output, rdd.collect()));
        ssc.start();
        ssc.awaitTermination();
    }

    private static void append(Path output, List<byte[]> records) {
        StringBuilder lines = new StringBuilder();
        records.forEach(record -> lines.append(new String(record, StandardCharsets.UTF_8)).append('\n'));
        try {
            Files.writeString(output, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines written so far. */
    public static List<String> recorded(Path output) {
        try {
            return Files.exists(output) ? Files.readAllLines(output, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
