package io.github.sparkkinesis.benchmarks.measure;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.KinesisInputDStream;

/**
 * Drains a preloaded stream with the connector, in a Spark streaming job with one-second batches that counts every
 * record, and measures the read rate, the CPU time and peak heap of this JVM, and the time to the first record.
 */
public final class ConnectorDrain {

    /**
     * @param seconds from the connector's first GetRecords call to the last record its receiver read
     * @param cpuSeconds CPU time of this JVM from the first record read until every record was processed
     * @param secondsToFirstRecord from {@code ssc.start()} to the first record read
     */
    public record Result(long records, double seconds, double cpuSeconds, long peakHeapBytes,
            double secondsToFirstRecord) implements DrainRun {

        @Override
        public double recordsPerSecond() {
            return records / seconds;
        }

        @Override
        public double cpuSecondsPerMillionRecords() {
            return cpuSeconds / records * 1_000_000;
        }
    }

    private ConnectorDrain() {
    }

    public static Result run(KinesisEndpoints endpoints, String stream, long expectedRecords,
            ConsumerSettings settings, Duration timeout) throws InterruptedException {
        return run(endpoints, stream, expectedRecords, settings, UnaryOperator.identity(), timeout);
    }

    /**
     * As {@link #run(KinesisEndpoints, String, long, ConsumerSettings, Duration)}, with {@code tweak} applied to the
     * DStream's builder last (a setting {@link ConsumerSettings} does not vary, such as the storage level).
     */
    public static Result run(KinesisEndpoints endpoints, String stream, long expectedRecords,
            ConsumerSettings settings, UnaryOperator<KinesisInputDStream.Builder> tweak, Duration timeout)
            throws InterruptedException {
        return run(ssc -> settings.dstream(ssc, endpoints, stream, tweak).asJava(), stream, expectedRecords, timeout);
    }

    /**
     * The drain of {@code stream} by the DStream {@code reader} makes on a new streaming context; its message handler
     * must be {@link ReceiveClock#receive}, so that the first and last reads are timed.
     */
    static Result run(Function<JavaStreamingContext, JavaDStream<byte[]>> reader, String stream,
            long expectedRecords, Duration timeout) throws InterruptedException {
        ReceiveClock.reset();
        GetRecordsClock.reset();
        ProcessedRecords.reset();
        ProcessMetrics.resetPeakHeap();
        JavaStreamingContext ssc = BenchmarkSpark.newStreamingContext();
        try {
            reader.apply(ssc).foreachRDD(rdd -> ProcessedRecords.add(rdd.count()));
            long start = System.nanoTime();
            ssc.start();
            long deadline = start + timeout.toNanos();
            while (ProcessedRecords.count() < expectedRecords) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Processed " + ProcessedRecords.count() + " of "
                            + expectedRecords + " records of " + stream + " within " + timeout);
                }
                Thread.sleep(20);
            }
            long cpuEnd = ProcessMetrics.processCpuNanos();
            return new Result(ReceiveClock.received(),
                    (ReceiveClock.lastNanos() - GetRecordsClock.firstCallNanos()) / 1e9,
                    (cpuEnd - ReceiveClock.firstCpuNanos()) / 1e9, ProcessMetrics.peakHeapBytes(),
                    (ReceiveClock.firstNanos() - start) / 1e9);
        } finally {
            ssc.stop(false, false);
        }
    }
}
