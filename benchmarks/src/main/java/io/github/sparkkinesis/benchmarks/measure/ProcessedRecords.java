package io.github.sparkkinesis.benchmarks.measure;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Records counted by the benchmark job's batches (static: Spark runs the job in this JVM), and when the first and
 * the last batch with records had been counted: the Structured Streaming source is timed to these moments, since
 * its records reach the job only in batches.
 */
public final class ProcessedRecords {

    private static final AtomicLong COUNT = new AtomicLong();
    private static final AtomicLong FIRST_NANOS = new AtomicLong();
    private static final AtomicLong LAST_NANOS = new AtomicLong();

    private ProcessedRecords() {
    }

    static void reset() {
        COUNT.set(0);
        FIRST_NANOS.set(0);
        LAST_NANOS.set(0);
    }

    /** A batch of {@code records} has just been processed. */
    static void add(long records) {
        if (records > 0) {
            long now = System.nanoTime();
            FIRST_NANOS.compareAndSet(0, now);
            LAST_NANOS.set(now);
        }
        COUNT.addAndGet(records);
    }

    static long count() {
        return COUNT.get();
    }

    /** When the first batch with records was processed, or 0. */
    static long firstNanos() {
        return FIRST_NANOS.get();
    }

    /** When the last batch with records was processed ({@link System#nanoTime()}), or 0. */
    public static long lastNanos() {
        return LAST_NANOS.get();
    }
}
