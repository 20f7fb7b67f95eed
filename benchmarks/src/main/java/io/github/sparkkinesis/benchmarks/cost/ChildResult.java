package io.github.sparkkinesis.benchmarks.cost;

import static io.github.sparkkinesis.benchmarks.measure.ResultLine.figure;

import java.util.Map;

/**
 * The figures of one child drain: {@code cpuSeconds} from the first record read to the last processed (as the
 * main harness counts), the GC's and the JIT compilers' CPU over the whole drain with {@code threadCpuSeconds}, all
 * threads over the same span, for their shares; {@code firstRecordSeconds} from {@code ssc.start()} to the first
 * record read.
 */
record ChildResult(long records, double seconds, double cpuSeconds, long peakHeapBytes, double gcCpuSeconds,
        double jitCpuSeconds, double threadCpuSeconds, double firstRecordSeconds, double load) {

    /** The figures of {@link DrainChild}'s result line. */
    static ChildResult of(Map<String, String> figures, double load) {
        return new ChildResult(Long.parseLong(figure(figures, "records")),
                Double.parseDouble(figure(figures, "seconds")), Double.parseDouble(figure(figures, "cpuSeconds")),
                Long.parseLong(figure(figures, "peakHeap")), Double.parseDouble(figure(figures, "gcCpu")),
                Double.parseDouble(figure(figures, "jitCpu")), Double.parseDouble(figure(figures, "threadCpu")),
                Double.parseDouble(figure(figures, "firstRecord")), load);
    }

    double cpuSecondsPerMillionRecords() {
        return cpuSeconds / records * 1_000_000;
    }

    double recordsPerSecond() {
        return records / seconds;
    }

    double gcShare() {
        return threadCpuSeconds <= 0 ? 0 : gcCpuSeconds / threadCpuSeconds;
    }

    double jitShare() {
        return threadCpuSeconds <= 0 ? 0 : jitCpuSeconds / threadCpuSeconds;
    }
}
