package org.apache.spark.streaming.kinesis.internal.block;

import java.io.Serializable;
import java.util.Objects;

/**
 * The records of one shard held by a block: from {@code first} to {@code last} inclusive, {@code recordCount}
 * user records, with nothing skipped in between. Enough to read exactly those records from Kinesis again.
 */
public final class SequenceNumberRange implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String streamName;
    private final String shardId;
    private final RecordPosition first;
    private final RecordPosition last;
    private final int recordCount;

    public SequenceNumberRange(String streamName, String shardId, RecordPosition first, RecordPosition last,
            int recordCount) {
        this.streamName = Objects.requireNonNull(streamName, "streamName");
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.first = Objects.requireNonNull(first, "first");
        this.last = Objects.requireNonNull(last, "last");
        if (recordCount < 1) {
            throw new IllegalArgumentException("A range holds at least one record, got " + recordCount);
        }
        if (first.isAfter(last)) {
            throw new IllegalArgumentException("Range starts after it ends: " + first + " > " + last);
        }
        this.recordCount = recordCount;
    }

    public String streamName() {
        return streamName;
    }

    public String shardId() {
        return shardId;
    }

    public RecordPosition first() {
        return first;
    }

    public RecordPosition last() {
        return last;
    }

    public int recordCount() {
        return recordCount;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SequenceNumberRange that
                && streamName.equals(that.streamName)
                && shardId.equals(that.shardId)
                && first.equals(that.first)
                && last.equals(that.last)
                && recordCount == that.recordCount;
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamName, shardId, first, last, recordCount);
    }

    @Override
    public String toString() {
        return streamName + "/" + shardId + "[" + first + " .. " + last + ", " + recordCount + " records]";
    }
}
