package org.apache.spark.streaming.kinesis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.KinesisInitialPositions;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchSubmitted;

/**
 * A Spark Streaming application, run in its own JVM by crash and restart tests. It writes each batch's records to
 * {@code <output>/<batch time>-<run id>.txt} as soon as it has them, then "works" for a while, so that killing it
 * leaves batches generated but not completed; every batch submitted and completed is logged to
 * {@code <output>/events.log}, so that a test can see the queue of batches.
 *
 * <p>Arguments, as {@code key=value}: {@code kinesis}, {@code dynamodb}, {@code stream}, {@code app},
 * {@code output} (required); {@code checkpoint}: a DStream checkpoint directory (then the context is created with
 * {@code getOrCreate}); {@code workMillis}: time spent on each non-empty batch; {@code stallMarker}: the
 * checkpoint directory may be a {@code stall://} path, whose writes wait while this file exists; and
 * {@code conf.<key>}: a Spark setting.
 */
public final class BatchFilesConsumerApp {

    private static final Duration BATCH = new Duration(1000);
    private static final String EVENTS = "events.log";

    private BatchFilesConsumerApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            options.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        if (options.containsKey("stallMarker")) {
            StallingFileSystem.register(options.get("stallMarker"));
        }
        String checkpoint = options.get("checkpoint");
        JavaStreamingContext ssc = checkpoint == null ? create(options)
                : JavaStreamingContext.getOrCreate(checkpoint, () -> create(options));
        ssc.start();
        ssc.awaitTermination();
    }

    /** The arguments for {@link #main}. */
    public static String[] arguments(String kinesis, String dynamoDb, String stream, String app, Path output,
            String... more) {
        List<String> args = new ArrayList<>(List.of("kinesis=" + kinesis, "dynamodb=" + dynamoDb, "stream=" + stream,
                "app=" + app, "output=" + output));
        args.addAll(List.of(more));
        return args.toArray(new String[0]);
    }

    private static JavaStreamingContext create(Map<String, String> options) {
        // The batch function is written into DStream checkpoints: it may only capture serializable values.
        String outputDir = options.get("output");
        Path output = Paths.get(outputDir);
        long workMillis = Long.parseLong(options.getOrDefault("workMillis", "0"));
        SparkConf conf = SparkTestContext.localConf("local[3]", "batch-files-consumer")
                .set("spark.streaming.stopGracefullyOnShutdown", "true");
        options.forEach((key, value) -> {
            if (key.startsWith("conf.")) {
                conf.set(key.substring("conf.".length()), value);
            }
        });
        JavaStreamingContext ssc = new JavaStreamingContext(conf, BATCH);
        if (options.containsKey("checkpoint")) {
            ssc.checkpoint(options.get("checkpoint"));
        }
        String failOn = options.get("failOn");
        LocalStackDStreams.builder(ssc, options.get("kinesis"), options.get("dynamodb"), options.get("stream"),
                        options.get("app"))
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .buildWithMessageHandler(record -> {
                    String text = TestPayloads.text(record);
                    if (text.equals(failOn)) {
                        throw new IllegalArgumentException("cannot handle " + text);
                    }
                    return text;
                }, String.class)
                .asJava()
                .foreachRDD((rdd, time) -> {
                    List<String> records = rdd.collect();
                    if (!records.isEmpty()) {
                        write(Paths.get(outputDir), time.milliseconds(), records);
                        Thread.sleep(workMillis);
                    }
                });
        ssc.addStreamingListener(new StreamingListener() {
            @Override
            public void onBatchSubmitted(StreamingListenerBatchSubmitted submitted) {
                log(output, "submitted " + submitted.batchInfo().batchTime().milliseconds() + " "
                        + submitted.batchInfo().numRecords());
            }

            @Override
            public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
                log(output, "completed " + completed.batchInfo().batchTime().milliseconds() + " "
                        + completed.batchInfo().numRecords());
            }
        });
        return ssc;
    }

    private static void write(Path output, long batchTime, List<String> records) {
        StringBuilder lines = new StringBuilder();
        records.forEach(record -> lines.append(record).append('\n'));
        try {
            Path temporary = output.resolve("." + UUID.randomUUID());
            Files.writeString(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, output.resolve(batchTime + "-" + UUID.randomUUID() + ".txt"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void log(Path output, String line) {
        try {
            Files.writeString(output.resolve(EVENTS), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
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

    /** Every record written so far, by every run, in batch order. */
    public static List<String> records(Path output) {
        return batches(output).stream().flatMap(batch -> batch.records().stream()).toList();
    }

    /**
     * Batches with records that were submitted but have not completed: the queue a crash would leave behind
     * (counted over every run that wrote to {@code output}).
     */
    public static long queuedBatchesWithRecords(Path output) {
        List<String> events;
        try {
            Path file = output.resolve(EVENTS);
            events = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long submitted = events.stream().filter(line -> line.startsWith("submitted ") && !line.endsWith(" 0")).count();
        long completed = events.stream().filter(line -> line.startsWith("completed ") && !line.endsWith(" 0")).count();
        return submitted - completed;
    }

    /** One batch's records as one run wrote them. */
    public record BatchOutput(long batchTime, List<String> records) {
    }
}
