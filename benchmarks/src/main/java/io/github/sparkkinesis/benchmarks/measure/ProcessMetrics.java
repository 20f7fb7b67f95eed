package io.github.sparkkinesis.benchmarks.measure;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * CPU time and heap of this JVM, the one that runs Spark (driver, receiver and executors in local mode). The Kinesis
 * servers run in other processes, so what is measured here is the consumer's cost.
 */
public final class ProcessMetrics {

    private ProcessMetrics() {
    }

    /** CPU time of this process so far, all threads, in nanoseconds. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** Forgets the heap peaks so far; {@link #peakHeapBytes()} then reports the peak since this call. */
    public static void resetPeakHeap() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pool.resetPeakUsage();
            }
        }
    }

    /**
     * The sum of the heap pools' peaks since {@link #resetPeakHeap()}. The pools peak at different moments, so this is
     * an upper bound of the heap in use at any one time (the garbage collector's young pools are counted full).
     */
    public static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
