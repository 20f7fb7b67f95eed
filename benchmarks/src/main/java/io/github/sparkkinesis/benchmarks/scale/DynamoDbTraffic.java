package io.github.sparkkinesis.benchmarks.scale;

import java.util.Map;
import java.util.TreeMap;

/**
 * DynamoDB requests per second over a window, by operation, as the counting proxy in front of dynalite saw them: what
 * the receivers' lease management costs (lease renewals and checkpoints are UpdateItem, lease discovery Scan or
 * Query, worker heartbeats and the leader's lock PutItem/UpdateItem).
 */
record DynamoDbTraffic(Map<String, Double> requestsPerSecond) {

    static DynamoDbTraffic between(Map<String, Long> before, Map<String, Long> after, double seconds) {
        Map<String, Double> rates = new TreeMap<>();
        after.forEach((operation, count) -> {
            long delta = count - before.getOrDefault(operation, 0L);
            if (delta > 0) {
                rates.put(operation, delta / seconds);
            }
        });
        return new DynamoDbTraffic(rates);
    }

    double total() {
        return requestsPerSecond.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        requestsPerSecond.forEach((operation, rate) -> out.append(out.isEmpty() ? "" : ", ")
                .append(operation).append(' ').append(String.format("%.1f", rate)));
        return out.isEmpty() ? "none" : out.toString();
    }
}
