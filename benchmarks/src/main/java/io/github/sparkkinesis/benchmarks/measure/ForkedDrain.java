package io.github.sparkkinesis.benchmarks.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A drain measured in a JVM of its own ({@link ForkedConnectorRun}): its figures, and when each shard's first record
 * came, in seconds after the first shard's (ascending, the first 0), so that a reader whose shards start one after
 * another shows it.
 */
public record ForkedDrain(ConnectorDrain.Result drain, List<Double> shardStartSeconds) {

    public ForkedDrain {
        shardStartSeconds = List.copyOf(shardStartSeconds);
    }

    /** From the first shard's first record to the last shard's first record, in seconds; 0 for one shard. */
    public double shardStartSpreadSeconds() {
        return shardStartSeconds.isEmpty() ? 0 : shardStartSeconds.get(shardStartSeconds.size() - 1);
    }

    Map<String, String> toFigures() {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("records", Long.toString(drain.records()));
        figures.put("seconds", Double.toString(drain.seconds()));
        figures.put("cpuSeconds", Double.toString(drain.cpuSeconds()));
        figures.put("peakHeapBytes", Long.toString(drain.peakHeapBytes()));
        figures.put("secondsToFirstRecord", Double.toString(drain.secondsToFirstRecord()));
        List<String> starts = new ArrayList<>();
        shardStartSeconds.forEach(start -> starts.add(String.format(Locale.ROOT, "%.3f", start)));
        figures.put("shardStarts", String.join(",", starts));
        return figures;
    }

    /** The drain of a result line's figures ({@link ResultLine#parse}). */
    public static ForkedDrain of(Map<String, String> figures) {
        List<Double> starts = new ArrayList<>();
        String shardStarts = ResultLine.figure(figures, "shardStarts");
        if (!shardStarts.isEmpty()) {
            for (String start : shardStarts.split(",")) {
                starts.add(Double.parseDouble(start));
            }
        }
        return new ForkedDrain(new ConnectorDrain.Result(Long.parseLong(ResultLine.figure(figures, "records")),
                Double.parseDouble(ResultLine.figure(figures, "seconds")),
                Double.parseDouble(ResultLine.figure(figures, "cpuSeconds")),
                Long.parseLong(ResultLine.figure(figures, "peakHeapBytes")),
                Double.parseDouble(ResultLine.figure(figures, "secondsToFirstRecord"))), starts);
    }
}
