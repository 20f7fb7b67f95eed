package io.github.sparkkinesis.benchmarks.scale;

import java.util.Map;
import java.util.TreeMap;

/**
 * Kinesis calls of one run by operation, all or throttled ones, as the fast server counted them. Throttled GetRecords
 * calls are expected from a reader that is behind (Kinesis's 2 MiB/s per shard); throttled control-plane calls
 * (ListShards, DescribeStreamSummary, GetShardIterator) are what the scale targets forbid.
 */
record OperationCounts(Map<String, Long> counts) {

    private static final String GET_RECORDS = "GetRecords";

    static OperationCounts between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> counts = new TreeMap<>();
        after.forEach((operation, count) -> {
            long delta = count - before.getOrDefault(operation, 0L);
            if (delta > 0) {
                counts.put(operation, delta);
            }
        });
        return new OperationCounts(counts);
    }

    long count(String operation) {
        return counts.getOrDefault(operation, 0L);
    }

    long getRecords() {
        return count(GET_RECORDS);
    }

    /** Calls of every operation but GetRecords. */
    long controlPlane() {
        return counts.entrySet().stream().filter(entry -> !entry.getKey().equals(GET_RECORDS))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** The control-plane calls, e.g. {@code ListShards 12, GetShardIterator 64}. */
    String controlPlaneCalls() {
        StringBuilder out = new StringBuilder();
        counts.forEach((operation, count) -> {
            if (!operation.equals(GET_RECORDS)) {
                out.append(out.isEmpty() ? "" : ", ").append(operation).append(' ').append(count);
            }
        });
        return out.isEmpty() ? "none" : out.toString();
    }
}
