package org.apache.spark.streaming.kinesis.internal.recovery;

import java.io.Serializable;
import org.apache.spark.storage.BlockId;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;

/**
 * The blocks of one generated batch and what they hold. It is kept in the DStream (and so in every DStream
 * checkpoint) until the batch completes, so that a restarted driver can run the batch again from Kinesis.
 */
public final class RecordedBatch implements Serializable {
    private static final long serialVersionUID = 1L;

    private final BlockId[] blockIds;
    private final SequenceNumberRanges[] ranges;

    public RecordedBatch(BlockId[] blockIds, SequenceNumberRanges[] ranges) {
        if (blockIds.length != ranges.length) {
            throw new IllegalArgumentException(blockIds.length + " blocks but " + ranges.length + " ranges");
        }
        this.blockIds = blockIds.clone();
        this.ranges = ranges.clone();
    }

    public BlockId[] blockIds() {
        return blockIds.clone();
    }

    public SequenceNumberRanges[] ranges() {
        return ranges.clone();
    }

    public int recordCount() {
        int count = 0;
        for (SequenceNumberRanges blockRanges : ranges) {
            count += blockRanges.recordCount();
        }
        return count;
    }
}
