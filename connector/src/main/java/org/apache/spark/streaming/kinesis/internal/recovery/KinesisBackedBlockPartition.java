package org.apache.spark.streaming.kinesis.internal.recovery;

import java.util.List;
import org.apache.spark.rdd.BlockRDDPartition;
import org.apache.spark.storage.BlockId;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;

/**
 * A partition of a {@link KinesisBackedBlockRDD}: one received block, read from Spark if it is still there, else
 * from Kinesis by the ranges recorded with it.
 */
final class KinesisBackedBlockPartition extends BlockRDDPartition {
    private static final long serialVersionUID = 1L;

    private final List<SequenceNumberRange> ranges;
    private final boolean blockMayExist;

    /**
     * @param ranges        what the block holds, in order
     * @param blockMayExist false when the block is known to be gone, e.g. after the driver recovered
     */
    KinesisBackedBlockPartition(int index, BlockId blockId, List<SequenceNumberRange> ranges,
            boolean blockMayExist) {
        super(blockId, index);
        this.ranges = List.copyOf(ranges);
        this.blockMayExist = blockMayExist;
    }

    List<SequenceNumberRange> ranges() {
        return ranges;
    }

    boolean blockMayExist() {
        return blockMayExist;
    }
}
