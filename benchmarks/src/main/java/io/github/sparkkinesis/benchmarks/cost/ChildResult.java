package io.github.sparkkinesis.benchmarks.cost;

import java.util.HashMap;
import java.util.Map;

/**
 * The figures of one child drain: {@code cpuSeconds} from the first record read to the last processed (as the
 * main harness counts), the GC's and the JIT compilers' CPU over the whole drain with {@code threadCpuSeconds}, all
 * threads over the same span, for their shares; {@code firstRecordSeconds} from {@code ssc.start()} to the first
 * record read.
 */
record ChildResult(long records, double seconds, double cpuSeconds, long peakHeapBytes, double gcCpuSeconds,
        double jitCpuSeconds, double threadCpuSeconds, double firstRecordSeconds, double load) {

    /** Parses the {@code key=value} pairs {@link DrainChild} prints. */
    static ChildResult parse(String line, double load) {
        Map<String, String> values = new HashMap<>();
        for (String pair : line.trim().split(" ")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return new ChildResult(Long.parseLong(values.get("records")), Double.parseDouble(values.get("seconds")),
                Double.parseDouble(values.get("cpuSeconds")), Long.parseLong(values.get("peakHeap")),
                Double.parseDouble(values.get("gcCpu")), Double.parseDouble(values.get("jitCpu")),
                Double.parseDouble(values.get("threadCpu")), Double.parseDouble(values.get("firstRecord")), load);
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
