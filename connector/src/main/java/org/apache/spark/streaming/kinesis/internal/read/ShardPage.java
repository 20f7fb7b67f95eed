package org.apache.spark.streaming.kinesis.internal.read;

import java.util.List;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * What one {@code GetRecords} call gave, de-aggregated.
 *
 * <p>A class, not a record: Scala 2.12's compiler reads the connector's Java sources for the {@code _2.12} build
 * and cannot parse a top-level record.
 */
public final class ShardPage {

    private final List<KinesisClientRecord> records;
    private final Long millisBehindLatest;
    private final long bytes;
    private final int kinesisRecords;
    private final boolean shardEnded;
    private final boolean startMissing;
    private final String firstSequenceNumber;

    /**
     * @param records             the user records, in order (past the starting point only)
     * @param millisBehindLatest  how far the page's end is behind the newest record of the shard, if Kinesis said
     * @param bytes               the bytes of data and partition keys the call returned (what Kinesis's 2 MiB/s
     *                            per shard counts)
     * @param kinesisRecords      the Kinesis records the call returned (aggregates count once)
     * @param shardEnded          the shard is closed and this was its last page
     * @param startMissing        the pass started at a sequence number that is no longer in the shard (trimmed
     *                            after the retention period): this first page starts at {@code firstSequenceNumber}
     *                            instead
     * @param firstSequenceNumber the first Kinesis record of the page, or null if it had none
     */
    public ShardPage(List<KinesisClientRecord> records, Long millisBehindLatest, long bytes, int kinesisRecords,
            boolean shardEnded, boolean startMissing, String firstSequenceNumber) {
        this.records = records;
        this.millisBehindLatest = millisBehindLatest;
        this.bytes = bytes;
        this.kinesisRecords = kinesisRecords;
        this.shardEnded = shardEnded;
        this.startMissing = startMissing;
        this.firstSequenceNumber = firstSequenceNumber;
    }

    public List<KinesisClientRecord> records() {
        return records;
    }

    public Long millisBehindLatest() {
        return millisBehindLatest;
    }

    public long bytes() {
        return bytes;
    }

    public int kinesisRecords() {
        return kinesisRecords;
    }

    public boolean shardEnded() {
        return shardEnded;
    }

    public boolean startMissing() {
        return startMissing;
    }

    public String firstSequenceNumber() {
        return firstSequenceNumber;
    }

    /** Whether the page reached the newest record of the shard (Kinesis reported no lag). */
    public boolean atTip() {
        return millisBehindLatest != null && millisBehindLatest == 0;
    }

    @Override
    public String toString() {
        return "ShardPage[records=" + records.size() + ", millisBehindLatest=" + millisBehindLatest + ", bytes="
                + bytes + ", kinesisRecords=" + kinesisRecords + ", shardEnded=" + shardEnded + ", startMissing="
                + startMissing + ", firstSequenceNumber=" + firstSequenceNumber + "]";
    }
}
