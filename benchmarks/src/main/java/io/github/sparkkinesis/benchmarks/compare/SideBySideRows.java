package io.github.sparkkinesis.benchmarks.compare;

import io.github.sparkkinesis.benchmarks.measure.ConnectorLatency;
import io.github.sparkkinesis.benchmarks.measure.ForkedDrain;
import io.github.sparkkinesis.benchmarks.measure.Summary;
import io.github.sparkkinesis.benchmarks.report.Figures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The rows of one workload in the side-by-side tables: our connector's figures, the other one's, and their ratios
 * (ours / theirs), each the median of the ratios of the interleaved run pairs (run 1 of ours with run 1 of theirs,
 * and so on), with their range.
 */
public final class SideBySideRows {

    /** The drain table's columns after server and workload. */
    public static final String[] DRAIN_HEADERS = {"connector", "records/s", "CPU s per 1M records",
        "first record after s", "last shard's first record after the first s (each shard's)", "peak heap MiB"};
    /** The latency table's columns after server and workload. */
    public static final String[] LATENCY_HEADERS = {"connector", "achieved records/s", "p50 ms", "p95 ms", "p99 ms",
        "samples"};
    private static final String NONE = "–";
    private static final double MIB = 1024.0 * 1024.0;

    private SideBySideRows() {
    }

    /** Three rows: ours, theirs, ratios; {@code ours} and {@code theirs} are the runs in the order they paired. */
    public static List<String[]> drain(String server, String workload, String peer, List<ForkedDrain> ours,
            List<ForkedDrain> theirs) {
        requirePairs(ours, theirs);
        List<String[]> rows = new ArrayList<>();
        rows.add(drainRow(server, workload, "ours", ours));
        rows.add(drainRow(server, workload, peer, theirs));
        rows.add(new String[] {server, workload, "ours / " + peer,
            ratio(ours, theirs, d -> d.drain().recordsPerSecond()),
            ratio(ours, theirs, d -> d.drain().cpuSecondsPerMillionRecords()),
            ratio(ours, theirs, d -> d.drain().secondsToFirstRecord()),
            ratio(ours, theirs, ForkedDrain::shardStartSpreadSeconds),
            ratio(ours, theirs, d -> d.drain().peakHeapBytes())});
        return rows;
    }

    /** Three rows: ours, theirs, and the ratios of the latency quantiles. */
    public static List<String[]> latency(String server, String workload, String peer,
            List<ConnectorLatency.Result> ours, List<ConnectorLatency.Result> theirs) {
        requirePairs(ours, theirs);
        List<String[]> rows = new ArrayList<>();
        rows.add(latencyRow(server, workload, "ours", ours));
        rows.add(latencyRow(server, workload, peer, theirs));
        rows.add(new String[] {server, workload, "ours / " + peer, NONE,
            ratio(ours, theirs, ConnectorLatency.Result::p50Millis),
            ratio(ours, theirs, ConnectorLatency.Result::p95Millis),
            ratio(ours, theirs, ConnectorLatency.Result::p99Millis), NONE});
        return rows;
    }

    private static String[] drainRow(String server, String workload, String side, List<ForkedDrain> runs) {
        return new String[] {server, workload, side,
            Figures.withRange(Summary.of(runs, d -> d.drain().recordsPerSecond()), 0),
            Figures.withRange(Summary.of(runs, d -> d.drain().cpuSecondsPerMillionRecords()), 1),
            Figures.withRange(Summary.of(runs, d -> d.drain().secondsToFirstRecord()), 1),
            shardStarts(runs),
            Figures.withRange(Summary.of(runs, d -> d.drain().peakHeapBytes() / MIB), 0)};
    }

    private static String[] latencyRow(String server, String workload, String side,
            List<ConnectorLatency.Result> runs) {
        return new String[] {server, workload, side,
            Figures.withRange(Summary.of(runs, ConnectorLatency.Result::achievedRecordsPerSecond), 0),
            Figures.withRange(Summary.of(runs, ConnectorLatency.Result::p50Millis), 0),
            Figures.withRange(Summary.of(runs, ConnectorLatency.Result::p95Millis), 0),
            Figures.withRange(Summary.of(runs, ConnectorLatency.Result::p99Millis), 0),
            Figures.withRange(Summary.of(runs, ConnectorLatency.Result::samples), 0)};
    }

    /**
     * The spread of the shards' first records, e.g. {@code 5.2 (1.0–7.9); 0 / 0.4 / 1.1 / 5.2} with each shard's of
     * the run of the median spread; {@code –} for one shard.
     */
    static String shardStarts(List<ForkedDrain> runs) {
        if (runs.stream().allMatch(run -> run.shardStartSeconds().size() <= 1)) {
            return NONE;
        }
        List<ForkedDrain> bySpread = new ArrayList<>(runs);
        bySpread.sort(Comparator.comparingDouble(ForkedDrain::shardStartSpreadSeconds));
        List<String> each = new ArrayList<>();
        ForkedDrain median = bySpread.get((bySpread.size() - 1) / 2);
        median.shardStartSeconds().forEach(start -> each.add(Figures.number(start, 1)));
        return Figures.withRange(Summary.of(runs, ForkedDrain::shardStartSpreadSeconds), 1) + "; "
                + String.join(" / ", each);
    }

    /** The median and range of the pairs' ratios, e.g. {@code 4.12 × (3.90–4.30)}; {@code –} if one is 0. */
    static <T> String ratio(List<T> ours, List<T> theirs, ToDoubleFunction<T> figure) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < ours.size(); i++) {
            double denominator = figure.applyAsDouble(theirs.get(i));
            if (denominator == 0) {
                return NONE;
            }
            ratios.add(figure.applyAsDouble(ours.get(i)) / denominator);
        }
        Summary summary = Summary.of(ratios);
        String median = Figures.number(summary.median(), 2) + " ×";
        return summary.runs() == 1 ? median
                : median + " (" + Figures.number(summary.min(), 2) + "–" + Figures.number(summary.max(), 2) + ")";
    }

    private static void requirePairs(List<?> ours, List<?> theirs) {
        if (ours.isEmpty() || ours.size() != theirs.size()) {
            throw new IllegalArgumentException("The runs must pair up: " + ours.size() + " of ours, "
                    + theirs.size() + " of theirs");
        }
    }
}
