package io.github.sparkkinesis.benchmarks.measure;

import java.util.Map;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * Where a Structured Streaming query's trigger time went, from Spark's own per-trigger timings
 * ({@code StreamingQueryProgress.durationMs}): fetching ({@code latestOffset}, which for the kinesis source is the
 * Spark job that reads the new records into the block manager), running the batches ({@code addBatch}), and the
 * rest (offset and commit logs, planning). Spark reports a trigger that found no data at most every 10 s, so the
 * last, empty fetch of a drain is usually not in these sums.
 *
 * @param batches micro-batches with rows
 */
public record QueryTimings(int batches, double fetchSeconds, double batchSeconds, double otherSeconds) {

    public static QueryTimings of(StreamingQueryProgress... progress) {
        int batches = 0;
        long fetch = 0;
        long batch = 0;
        long trigger = 0;
        for (StreamingQueryProgress trig : progress) {
            Map<String, Long> durations = trig.durationMs();
            if (trig.numInputRows() > 0) {
                batches++;
            }
            fetch += durations.getOrDefault("latestOffset", 0L);
            batch += durations.getOrDefault("addBatch", 0L);
            trigger += durations.getOrDefault("triggerExecution", 0L);
        }
        return new QueryTimings(batches, fetch / 1000.0, batch / 1000.0, Math.max(0, trigger - fetch - batch) / 1000.0);
    }
}
