package io.github.sparkkinesis.sql.internal.write;

import java.nio.charset.StandardCharsets;

/**
 * One row to write: its stream, partition key, explicit hash key (null: the MD5 of the partition key decides the
 * shard) and data.
 */
public record UserRecord(String stream, String partitionKey, String explicitHashKey, byte[] data) {

    /** The bytes Kinesis counts against its record and call limits: the data and the partition key's UTF-8. */
    public long size() {
        return data.length + (long) partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
