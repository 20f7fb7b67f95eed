package org.apache.spark.streaming.kinesis.internal.receiver;

import java.util.Iterator;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;

/** Where blocks go: the receiver's synchronous {@code store}, which returns once Spark holds the block. */
@FunctionalInterface
interface BlockStore<T> {

    /**
     * Stores the values as one block with its ranges as metadata; throws if Spark could not store it.
     *
     * @param sizeBytes about what the block holds on the heap: its records' data and their per-record overhead
     *                  (what bounds {@link CoalescingBlockStore}'s combined blocks; Spark sizes blocks itself)
     */
    void store(Iterator<T> values, SequenceNumberRanges ranges, long sizeBytes);
}
