package io.github.sparkkinesis.benchmarks.measure;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import java.time.Duration;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Drains a preloaded stream with the Structured Streaming source and {@code Trigger.AvailableNow}, in a query whose
 * {@code foreachBatch} counts every batch, and measures the rate, the CPU time and peak heap of this JVM, the time
 * to the first row, and where the query's time went.
 *
 * <p>The source reads records into the block manager in a fetch job and hands them over only in the batch that
 * follows, so the drain is timed to the last batch processed, not to the last record read; the fetch jobs alone
 * (Spark's {@code latestOffset} time) are reported beside it.
 */
public final class SourceDrain {

    /**
     * @param seconds              from the first GetRecords call to the end of the last batch with records
     * @param cpuSeconds           CPU time of this JVM from the first answer with records until every record was
     *                             processed
     * @param secondsToFirstRecord from {@code start()} to the end of the first batch with records (its rows are
     *                             processed)
     */
    public record Result(long records, double seconds, double cpuSeconds, long peakHeapBytes,
            double secondsToFirstRecord, QueryTimings timings) implements DrainRun {

        @Override
        public double recordsPerSecond() {
            return records / seconds;
        }

        /** The rate of the fetch jobs alone, as if the batches cost nothing and nothing else ran. */
        public double fetchRecordsPerSecond() {
            return records / timings.fetchSeconds();
        }

        @Override
        public double cpuSecondsPerMillionRecords() {
            return cpuSeconds / records * 1_000_000;
        }
    }

    private SourceDrain() {
    }

    public static Result run(KinesisEndpoints endpoints, String stream, long expectedRecords, SourceSettings settings,
            Duration timeout) throws Exception {
        GetRecordsClock.reset();
        ProcessedRecords.reset();
        ProcessMetrics.resetPeakHeap();
        try (SourceQuery source = SourceQuery.start(endpoints, stream, settings, Trigger.AvailableNow(),
                (batch, id) -> ProcessedRecords.add(batch.count()))) {
            // The CPU time is taken when the last record has been processed, before the query's last, empty fetch
            // and its shutdown.
            source.awaitUntil(() -> ProcessedRecords.count() >= expectedRecords, timeout,
                    "process " + expectedRecords + " records");
            long cpuEnd = ProcessMetrics.processCpuNanos();
            long peakHeap = ProcessMetrics.peakHeapBytes();
            source.awaitStop(timeout);
            if (ProcessedRecords.count() != expectedRecords) {
                throw new IllegalStateException("Processed " + ProcessedRecords.count() + " records of " + stream
                        + ", expected " + expectedRecords);
            }
            long first = GetRecordsClock.firstCallNanos();
            return new Result(ProcessedRecords.count(), (ProcessedRecords.lastNanos() - first) / 1e9,
                    (cpuEnd - GetRecordsClock.firstRecordsCpuNanos()) / 1e9, peakHeap,
                    (ProcessedRecords.firstNanos() - source.startNanos()) / 1e9,
                    QueryTimings.of(source.query().recentProgress()));
        }
    }
}
