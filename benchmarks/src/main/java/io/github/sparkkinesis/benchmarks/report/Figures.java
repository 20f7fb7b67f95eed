package io.github.sparkkinesis.benchmarks.report;

import io.github.sparkkinesis.benchmarks.measure.Summary;
import java.util.Locale;

/** How the harness prints numbers: medians with their range, and plain values. */
public final class Figures {

    private Figures() {
    }

    /** E.g. {@code 41,200 (39,800–42,100)}. */
    public static String withRange(Summary summary, int decimals) {
        if (summary.runs() == 1) {
            return number(summary.median(), decimals);
        }
        return number(summary.median(), decimals) + " (" + number(summary.min(), decimals) + "–"
                + number(summary.max(), decimals) + ")";
    }

    public static String number(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }
}
