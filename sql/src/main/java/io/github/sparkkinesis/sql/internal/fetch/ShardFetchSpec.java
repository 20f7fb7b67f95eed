package io.github.sparkkinesis.sql.internal.fetch;

import java.io.Serializable;
import java.time.Instant;
import org.apache.spark.streaming.kinesis.internal.read.StartingPoint;

/**
 * What one fetch reads of one shard: from where, how much at most, how the records are cut into blocks, and, for
 * {@code Trigger.AvailableNow}, the arrival time after which it stops.
 *
 * @param slot           unique within the fetch, below {@link FetchBlockIndex#MAX_SLOTS}; names the shard's blocks
 * @param maxRecords     user records to read at most
 * @param maxBytes       bytes (data and partition keys) to read at most
 * @param blockRecords   user records per block at most (so a batch can take whole blocks within its limit)
 * @param arrivalCutoff  null, or the time whose later records are not read (they were not in the stream yet)
 */
public record ShardFetchSpec(String stream, String shardId, String startingHashKey, String endingHashKey,
        StartingPoint from, long maxRecords, long maxBytes, int blockRecords, Instant arrivalCutoff, int slot)
        implements Serializable {

    /** Shards one fetch can read at most. */
    public static final int MAX_SHARDS_PER_FETCH = FetchBlockIndex.MAX_SLOTS;
}
