package io.github.sparkkinesis.benchmarks.measure;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * End-to-end latency at a steady input rate: from the producer's put to the moment a one-second batch processes the
 * record. The first seconds after the first record arrives are left out (the receiver is still taking its leases).
 */
public final class ConnectorLatency {

    private static final long WARM_UP_MILLIS = 3_000;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    /** @param achievedRecordsPerSecond the rate the producer managed (a slow server can hold it back) */
    public record Result(int samples, long p50Millis, long p95Millis, long p99Millis,
            double achievedRecordsPerSecond) {
    }

    private ConnectorLatency() {
    }

    /**
     * @param stream an empty stream; the producer fills it while the connector reads it
     */
    public static Result run(KinesisEndpoints endpoints, String stream, int recordsPerSecond, int recordBytes,
            Duration produceFor, ConsumerSettings settings) throws InterruptedException {
        LatencySamples.reset();
        ReceiveClock.reset();
        JavaStreamingContext ssc = BenchmarkSpark.newStreamingContext();
        try (KinesisClient kinesis = endpoints.newKinesisClient()) {
            settings.dstream(ssc, endpoints, stream, UnaryOperator.identity()).asJava()
                    .foreachRDD(rdd -> rdd.foreach(LatencySamples::processed));
            ssc.start();
            return produceAndMeasure(kinesis, stream, recordsPerSecond, recordBytes, produceFor,
                    ReceiveClock::firstNanos);
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
        SteadyProducer producer =
                new SteadyProducer(kinesis, stream, recordsPerSecond, recordBytes, produceFor.toMillis());
        long produceStart = System.currentTimeMillis();
        Thread producing = new Thread(producer, "steady-producer");
        producing.start();
        producing.join();
        double achieved = producer.recordsPut() / ((System.currentTimeMillis() - produceStart) / 1000.0);
        long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (LatencySamples.size() < producer.recordsPut() && System.nanoTime() < deadline) {
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
