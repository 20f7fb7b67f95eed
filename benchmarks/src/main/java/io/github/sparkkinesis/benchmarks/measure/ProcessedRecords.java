package io.github.sparkkinesis.benchmarks.measure;

import java.util.concurrent.atomic.AtomicLong;

/** Records counted by the benchmark job's batches (static: Spark runs the job in this JVM). */
final class ProcessedRecords {

    private static final AtomicLong COUNT = new AtomicLong();

    private ProcessedRecords() {
    }

    static void reset() {
        COUNT.set(0);
    }

    static void add(long records) {
        COUNT.addAndGet(records);
    }

    static long count() {
        return COUNT.get();
    }
}
