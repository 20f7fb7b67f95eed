package io.github.sparkkinesis.benchmarks.scale;

import io.github.sparkkinesis.benchmarks.measure.Summary;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * The driver's planning time per micro-batch of a Structured Streaming query, from Spark's own progress reports
 * ({@code durationMs}): {@code latestOffset} (the source's offsets: shard list and positions, and the fetch job that
 * reads the new records, which is left out here), {@code getBatch} (the source's batch of partitions) and
 * {@code queryPlanning} (Spark's planning of the batch). Percentiles over the batches given.
 *
 * @param batches micro-batches measured
 * @param p50Millis median of the planning (the three added up, less the fetch jobs)
 * @param p95Millis 95th percentile of the planning
 * @param maxMillis the largest planning
 * @param latestOffsetP50Millis median of {@code latestOffset} less the fetch jobs
 * @param getBatchP50Millis median of {@code getBatch} alone
 * @param queryPlanningP50Millis median of {@code queryPlanning} alone
 * @param fetchP50Millis median of the fetch jobs' time per micro-batch (not planning; for reference)
 */
record PlanningTimes(int batches, long p50Millis, long p95Millis, long maxMillis, long latestOffsetP50Millis,
        long getBatchP50Millis, long queryPlanningP50Millis, long fetchP50Millis) {

    static PlanningTimes of(List<StreamingQueryProgress> progress, FetchJobTimes fetchJobs) {
        if (progress.isEmpty()) {
            return new PlanningTimes(0, 0, 0, 0, 0, 0, 0, 0);
        }
        long[] total = new long[progress.size()];
        long[] latestOffset = new long[progress.size()];
        long[] getBatch = new long[progress.size()];
        long[] queryPlanning = new long[progress.size()];
        long[] fetch = new long[progress.size()];
        for (int i = 0; i < progress.size(); i++) {
            Map<String, Long> durations = progress.get(i).durationMs();
            long triggerStart = Instant.parse(progress.get(i).timestamp()).toEpochMilli();
            fetch[i] = fetchJobs.fetchMillisBetween(triggerStart,
                    triggerStart + durations.getOrDefault("triggerExecution", 0L));
            latestOffset[i] = Math.max(0, durations.getOrDefault("latestOffset", 0L) - fetch[i]);
            getBatch[i] = durations.getOrDefault("getBatch", 0L);
            queryPlanning[i] = durations.getOrDefault("queryPlanning", 0L);
            total[i] = latestOffset[i] + getBatch[i] + queryPlanning[i];
        }
        for (long[] values : List.of(total, latestOffset, getBatch, queryPlanning, fetch)) {
            Arrays.sort(values);
        }
        return new PlanningTimes(progress.size(), Summary.quantile(total, 0.5), Summary.quantile(total, 0.95),
                total[total.length - 1], Summary.quantile(latestOffset, 0.5),
                Summary.quantile(getBatch, 0.5), Summary.quantile(queryPlanning, 0.5), Summary.quantile(fetch, 0.5));
    }

    @Override
    public String toString() {
        return String.format("%d batches: p50 %d ms, p95 %d ms, max %d ms (latestOffset %d, getBatch %d, "
                + "queryPlanning %d ms at p50; fetch jobs %d ms at p50)", batches, p50Millis, p95Millis, maxMillis,
                latestOffsetP50Millis, getBatchP50Millis, queryPlanningP50Millis, fetchP50Millis);
    }
}
