package io.github.sparkkinesis.sql.internal.plan;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LongSummaryStatistics;
import java.util.Map;

/**
 * The source's metrics in {@code StreamingQueryProgress.sources[].metrics}: how far behind the newest record of
 * its shard each shard's last read was, under the names Databricks' Kinesis source uses, so that dashboards built
 * for it read these too.
 */
final class LagMetrics {

    static final String AVG_MS_BEHIND_LATEST = "avgMsBehindLatest";
    static final String MAX_MS_BEHIND_LATEST = "maxMsBehindLatest";
    static final String MIN_MS_BEHIND_LATEST = "minMsBehindLatest";

    private LagMetrics() {
    }

    static Map<String, String> of(Collection<ShardBuffer> shards) {
        LongSummaryStatistics lag = shards.stream().map(ShardBuffer::millisBehindLatest)
                .filter(java.util.Objects::nonNull).mapToLong(Long::longValue).summaryStatistics();
        Map<String, String> metrics = new LinkedHashMap<>();
        if (lag.getCount() > 0) {
            metrics.put(AVG_MS_BEHIND_LATEST, Double.toString(lag.getAverage()));
            metrics.put(MAX_MS_BEHIND_LATEST, Long.toString(lag.getMax()));
            metrics.put(MIN_MS_BEHIND_LATEST, Long.toString(lag.getMin()));
        }
        return metrics;
    }
}
