package io.github.sparkkinesis.benchmarks.backlog;

import java.util.Objects;

/**
 * One record of a preloaded backlog: what a producer would have put. Its partition key must hash into the shard
 * the record is written to, as it would with PutRecords.
 */
public record BacklogRecord(String partitionKey, byte[] data) {

    public BacklogRecord {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
        if (partitionKey.isEmpty()) {
            throw new IllegalArgumentException("A partition key must not be empty");
        }
    }
}
