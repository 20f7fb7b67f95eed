package org.apache.spark.streaming.kinesis.internal.read;

import java.util.List;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * What one {@code GetRecords} call gave, de-aggregated.
 *
 * @param records             the user records, in order (past the starting point only)
 * @param millisBehindLatest  how far the page's end is behind the newest record of the shard, if Kinesis said
 * @param bytes               the bytes of data and partition keys the call returned (what Kinesis's 2 MiB/s
 *                            per shard counts)
 * @param kinesisRecords      the Kinesis records the call returned (aggregates count once)
 * @param shardEnded          the shard is closed and this was its last page
 * @param startMissing        the pass started at a sequence number that is no longer in the shard (trimmed after
 *                            the retention period): this first page starts at {@code firstSequenceNumber} instead
 * @param firstSequenceNumber the first Kinesis record of the page, or null if it had none
 */
public record ShardPage(List<KinesisClientRecord> records, Long millisBehindLatest, long bytes, int kinesisRecords,
        boolean shardEnded, boolean startMissing, String firstSequenceNumber) {

    /** Whether the page reached the newest record of the shard (Kinesis reported no lag). */
    public boolean atTip() {
        return millisBehindLatest != null && millisBehindLatest == 0;
    }
}
