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
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.KinesisInitialPositions;
import org.apache.spark.streaming.kinesis.KinesisInputDStream;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverStarted;

/**
 * The driver of a Spark Streaming application on a standalone cluster, run in its own JVM by the cluster test. It
 * reads a stream of the local stack (blocks kept once, on one executor, so that they die with it), writes every
 * record to {@code records.txt}, the executor and wall-clock time (ms) of each receiver start to
 * {@code receivers.txt}, and after each batch how many records were re-read from Kinesis to {@code reread.txt}.
 * While the file {@value #SLOW_BATCHES_MARKER} exists in the output folder, batches take longer than the batch
 * interval, so that some are always waiting.
 *
 * <p>Arguments: master-url kinesis-endpoint dynamodb-endpoint stream-name app-name output-dir executor-classpath
 */
public final class ClusterConsumerApp {

    public static final String SLOW_BATCHES_MARKER = "slow-batches";

    private ClusterConsumerApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path output = Paths.get(args[5]);
        SparkConf conf = SparkTestContext.localConf(args[0], "cluster-consumer")
                .set("spark.executor.cores", "2")
                .set("spark.executor.memory", "768m")
                .set("spark.executor.extraClassPath", args[6])
                .set("spark.executor.extraJavaOptions", String.join(" ", ChildJvm.sparkJvmOptions()))
                .set("spark.streaming.receiverRestartDelay", "1000");
        JavaStreamingContext ssc = new JavaStreamingContext(conf, new Duration(2000));
        KinesisInputDStream<byte[]> stream = LocalStackDStreams.builder(ssc, args[1], args[2], args[3], args[4])
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .storageLevel(StorageLevel.MEMORY_AND_DISK())
                .build();
        stream.asJava().foreachRDD(rdd -> {
            List<byte[]> records = rdd.collect();
            StringBuilder lines = new StringBuilder();
            records.forEach(record -> lines.append(new String(record, StandardCharsets.UTF_8)).append('\n'));
            append(output.resolve("records.txt"), lines.toString());
            if (Files.exists(output.resolve(SLOW_BATCHES_MARKER))) {
                Thread.sleep(2500);
            }
        });
        ssc.addStreamingListener(new StreamingListener() {
            @Override
            public void onReceiverStarted(StreamingListenerReceiverStarted started) {
                append(output.resolve("receivers.txt"),
                        started.receiverInfo().executorId() + " " + System.currentTimeMillis() + "\n");
            }

            @Override
            public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
                write(output.resolve("reread.txt"), Long.toString(stream.recordsReadFromKinesis()));
            }
        });
        ssc.start();
        ssc.awaitTermination();
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of one of the output files (none if it does not exist yet). */
    public static List<String> lines(Path output, String file) {
        try {
            Path path = output.resolve(file);
            return Files.exists(path) ? Files.readAllLines(path, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
