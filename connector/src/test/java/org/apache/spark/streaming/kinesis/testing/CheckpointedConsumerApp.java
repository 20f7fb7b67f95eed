package org.apache.spark.streaming.kinesis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.KinesisInitialPositions;

/**
 * A Spark Streaming application with a DStream checkpoint, run in its own JVM by driver-recovery tests: started
 * with {@code StreamingContext.getOrCreate}, it writes each batch's records to {@code <output>/<batch time>-<run
 * id>.txt} as soon as it has them, then "works" for a while, so that killing it leaves batches generated but not
 * completed.
 *
 * <p>Arguments: kinesis-endpoint dynamodb-endpoint stream-name app-name output-dir checkpoint-dir millis-per-batch
 */
public final class CheckpointedConsumerApp {

    private static final Duration BATCH = new Duration(1000);

    private CheckpointedConsumerApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        String checkpointDir = args[5];
        JavaStreamingContext ssc = JavaStreamingContext.getOrCreate(checkpointDir, () -> create(args));
        ssc.start();
        ssc.awaitTermination();
    }

    private static JavaStreamingContext create(String[] args) {
        String kinesisEndpoint = args[0];
        String dynamoDbEndpoint = args[1];
        String stream = args[2];
        String app = args[3];
        String output = args[4];
        long workMillis = Long.parseLong(args[6]);
        SparkConf conf = SparkTestContext.localConf("local[3]", "checkpointed-consumer")
                .set("spark.streaming.stopGracefullyOnShutdown", "true");
        JavaStreamingContext ssc = new JavaStreamingContext(conf, BATCH);
        ssc.checkpoint(args[5]);
        LocalStackDStreams.builder(ssc, kinesisEndpoint, dynamoDbEndpoint, stream, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .build()
                .asJava()
                .foreachRDD((rdd, time) -> {
                    List<byte[]> records = rdd.collect();
                    if (!records.isEmpty()) {
                        write(Paths.get(output), time.milliseconds(), records);
                        Thread.sleep(workMillis);
                    }
                });
        return ssc;
    }

    private static void write(Path output, long batchTime, List<byte[]> records) {
        StringBuilder lines = new StringBuilder();
        records.forEach(record -> lines.append(new String(record, StandardCharsets.UTF_8)).append('\n'));
        try {
            Path temporary = output.resolve("." + UUID.randomUUID());
            Files.writeString(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, output.resolve(batchTime + "-" + UUID.randomUUID() + ".txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every batch file written so far: batch time, then its records. */
    public static List<BatchOutput> batches(Path output) {
        try (Stream<Path> files = Files.list(output)) {
            List<BatchOutput> batches = new ArrayList<>();
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".txt")).sorted().toList()) {
                String name = file.getFileName().toString();
                batches.add(new BatchOutput(Long.parseLong(name.substring(0, name.indexOf('-'))),
                        Files.readAllLines(file, StandardCharsets.UTF_8)));
            }
            return batches;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One batch's records as one run wrote them. */
    public record BatchOutput(long batchTime, List<String> records) {
    }
}
