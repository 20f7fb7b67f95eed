package io.github.sparkkinesis.benchmarks.measure;

import java.lang.management.ManagementFactory;

/**
 * The machine's one-minute load average, sampled at the start of every measured run: on a shared 2-core machine
 * other work shows in the figures, so the report says how busy the machine was.
 */
public final class LoadAverage {

    private static double min = Double.MAX_VALUE;
    private static double max = -1;

    private LoadAverage() {
    }

    /** The load average now, also kept for {@link #range()}; negative if the platform does not say. */
    public static synchronized double sample() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= 0) {
            min = Math.min(min, load);
            max = Math.max(max, load);
        }
        return load;
    }

    /** The lowest and highest samples so far, e.g. {@code 2.10–4.35}, or "unknown". */
    public static synchronized String range() {
        return max < 0 ? "unknown" : String.format(java.util.Locale.ROOT, "%.2f–%.2f", min, max);
    }
}
