package io.github.sparkkinesis.benchmarks.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The median and range of repeated measurements of one figure. */
public record Summary(double median, double min, double max, int runs) {

    /** The summary of one figure of each run's result. */
    public static <T> Summary of(List<T> results, ToDoubleFunction<T> figure) {
        return of(results.stream().mapToDouble(figure).boxed().toList());
    }

    public static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("No measurements");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Summary(median, sorted.get(0), sorted.get(n - 1), n);
    }

    /** The value at quantile {@code q} (0..1) of {@code sortedValues}, nearest rank. */
    public static long quantile(long[] sortedValues, double q) {
        if (sortedValues.length == 0) {
            throw new IllegalArgumentException("No values");
        }
        int rank = (int) Math.ceil(q * sortedValues.length);
        return sortedValues[Math.max(0, Math.min(sortedValues.length - 1, rank - 1))];
    }
}
