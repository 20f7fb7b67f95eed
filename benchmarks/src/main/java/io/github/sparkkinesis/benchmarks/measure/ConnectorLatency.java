package io.github.sparkkinesis.benchmarks.measure;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * End-to-end latency at a steady input rate: from the producer's put to the moment a one-second batch processes the
 * record. The first seconds after the first record arrives are left out (the receiver is still taking its leases).
 */
public final class ConnectorLatency {

    private static final long WARM_UP_MILLIS = 3_000;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    // While a reader starts (a minute and more for some), records are put in slices of this length until it reads.
    private static final long START_UP_PRODUCE_MILLIS = 2_000;

    /** @param achievedRecordsPerSecond the rate the producer managed (a slow server can hold it back) */
    public record Result(int samples, long p50Millis, long p95Millis, long p99Millis,
            double achievedRecordsPerSecond) {

        /** The figures of a result line ({@link ResultLine}) of a latency measured in a JVM of its own. */
        Map<String, String> toFigures() {
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("samples", Integer.toString(samples));
            figures.put("p50Millis", Long.toString(p50Millis));
            figures.put("p95Millis", Long.toString(p95Millis));
            figures.put("p99Millis", Long.toString(p99Millis));
            figures.put("achievedRecordsPerSecond", Double.toString(achievedRecordsPerSecond));
            return figures;
        }

        /** The latency of a result line's figures ({@link ResultLine#parse}). */
        public static Result of(Map<String, String> figures) {
            return new Result(Integer.parseInt(ResultLine.figure(figures, "samples")),
                    Long.parseLong(ResultLine.figure(figures, "p50Millis")),
                    Long.parseLong(ResultLine.figure(figures, "p95Millis")),
                    Long.parseLong(ResultLine.figure(figures, "p99Millis")),
                    Double.parseDouble(ResultLine.figure(figures, "achievedRecordsPerSecond")));
        }
    }

    private ConnectorLatency() {
    }

    /**
     * @param stream an empty stream; the producer fills it while the connector reads it
     */
    public static Result run(KinesisEndpoints endpoints, String stream, int recordsPerSecond, int recordBytes,
            Duration produceFor, ConsumerSettings settings) throws InterruptedException {
        try (KinesisClient kinesis = endpoints.newKinesisClient()) {
            return run(ssc -> settings.dstream(ssc, endpoints, stream, UnaryOperator.identity()).asJava(), kinesis,
                    stream, recordsPerSecond, recordBytes, produceFor);
        }
    }

    /**
     * The latency of the DStream {@code reader} makes on a new streaming context, whose message handler must be
     * {@link ReceiveClock#receive}. The producer puts records until the reader has read one, however long it takes
     * to start (a backlog it then drains, left out as the warm-up), then for {@code produceFor}.
     */
    static Result run(Function<JavaStreamingContext, JavaDStream<byte[]>> reader, KinesisClient kinesis,
            String stream, int recordsPerSecond, int recordBytes, Duration produceFor) throws InterruptedException {
        LatencySamples.reset();
        ReceiveClock.reset();
        JavaStreamingContext ssc = BenchmarkSpark.newStreamingContext();
        try {
            reader.apply(ssc).foreachRDD(rdd -> rdd.foreach(LatencySamples::processed));
            ssc.start();
            long putBeforeFirstRead = 0;
            while (ReceiveClock.firstNanos() == 0) {
                SteadyProducer producer = new SteadyProducer(kinesis, stream, recordsPerSecond, recordBytes,
                        START_UP_PRODUCE_MILLIS);
                producer.run();
                putBeforeFirstRead += producer.recordsPut();
            }
            return produceAndMeasure(kinesis, stream, recordsPerSecond, recordBytes, produceFor,
                    ReceiveClock::firstNanos, putBeforeFirstRead);
        } finally {
            ssc.stop(false, false);
        }
    }

    /**
     * Puts stamped records into {@code stream} while a reader that hands them to {@link LatencySamples} runs, waits
     * until it has processed them, and summarises the latencies of those put after the warm-up.
     *
     * @param firstReadNanos when the reader read its first record ({@link System#nanoTime()}), 0 if it read none
     */
    static Result produceAndMeasure(KinesisClient kinesis, String stream, int recordsPerSecond, int recordBytes,
            Duration produceFor, LongSupplier firstReadNanos) throws InterruptedException {
        return produceAndMeasure(kinesis, stream, recordsPerSecond, recordBytes, produceFor, firstReadNanos, 0);
    }

    /** As above, after {@code alreadyPut} records put into {@code stream} since the reader started. */
    private static Result produceAndMeasure(KinesisClient kinesis, String stream, int recordsPerSecond,
            int recordBytes, Duration produceFor, LongSupplier firstReadNanos, long alreadyPut)
            throws InterruptedException {
        SteadyProducer producer =
                new SteadyProducer(kinesis, stream, recordsPerSecond, recordBytes, produceFor.toMillis());
        long produceStart = System.currentTimeMillis();
        Thread producing = new Thread(producer, "steady-producer");
        producing.start();
        producing.join();
        double achieved = producer.recordsPut() / ((System.currentTimeMillis() - produceStart) / 1000.0);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (LatencySamples.size() < alreadyPut + producer.recordsPut() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (firstReadNanos.getAsLong() == 0) {
            throw new IllegalStateException("The reader read nothing from " + stream);
        }
        long firstReadWallMillis = System.currentTimeMillis()
                - (System.nanoTime() - firstReadNanos.getAsLong()) / 1_000_000;
        long[] latencies = LatencySamples.latenciesSortedSince(firstReadWallMillis + WARM_UP_MILLIS);
        if (latencies.length == 0) {
            throw new IllegalStateException("No record was put after the warm-up; produce for longer");
        }
        return new Result(latencies.length, Summary.quantile(latencies, 0.5), Summary.quantile(latencies, 0.95),
                Summary.quantile(latencies, 0.99), achieved);
    }
}
