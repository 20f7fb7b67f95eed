package io.github.sparkkinesis.benchmarks.measure;

/**
 * The figures of one backlog drain that the report prints, whichever reader drained it (the DStream or the
 * Structured Streaming source).
 */
public interface DrainRun {

    long records();

    /** Records per second over the drain, timed from the first GetRecords call. */
    double recordsPerSecond();

    /** CPU time of this JVM per million records, over the drain. */
    double cpuSecondsPerMillionRecords();

    long peakHeapBytes();

    /** From starting the reader to its first record (the receiver's read, or the source's first row). */
    double secondsToFirstRecord();

    default double mebibytesPerSecond(int recordBytes) {
        return recordsPerSecond() * recordBytes / (1024.0 * 1024.0);
    }
}
