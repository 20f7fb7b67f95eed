package io.github.sparkkinesis.sql.internal.write;

/**
 * One Kinesis record of a PutRecords call: a user record, or a KPL aggregate of several.
 *
 * @param orderingKey what must keep its order: the partition key, or the shard of an aggregate
 * @param userRecords how many rows it holds
 * @param size        the bytes Kinesis counts (data and partition key)
 */
public record PutEntry(String stream, String partitionKey, String explicitHashKey, byte[] data, String orderingKey,
        int userRecords, long size) {

    /** A user record sent as it is. */
    public static PutEntry of(UserRecord record) {
        return new PutEntry(record.stream(), record.partitionKey(), record.explicitHashKey(), record.data(),
                record.partitionKey(), 1, record.size());
    }
}
