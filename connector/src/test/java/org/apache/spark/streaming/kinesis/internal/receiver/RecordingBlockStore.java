package org.apache.spark.streaming.kinesis.internal.receiver;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;

/**
 * A {@link BlockStore} that keeps every block it is given, in order, or throws for a chosen block (counting from
 * 1) as Spark's {@code store} does when the block manager fails.
 */
final class RecordingBlockStore<T> implements BlockStore<T> {

    /** One stored block: its values, its metadata and the size the writer gave. */
    record Block<T>(List<T> values, SequenceNumberRanges ranges, long sizeBytes) {

        SequenceNumberRange range() {
            return ranges.ranges().get(0);
        }
    }

    private final List<Block<T>> blocks = new ArrayList<>();
    private int failingBlock = -1;
    private int calls;
    private Runnable onStore = () -> { };

    /** Throws from the {@code blockNumber}-th call (1-based) on; earlier blocks are stored. */
    RecordingBlockStore<T> failFromBlock(int blockNumber) {
        this.failingBlock = blockNumber;
        return this;
    }

    /** Runs {@code action} after each block is stored. */
    RecordingBlockStore<T> afterEachStore(Runnable action) {
        this.onStore = action;
        return this;
    }

    @Override
    public synchronized void store(java.util.Iterator<T> values, SequenceNumberRanges ranges, long sizeBytes) {
        calls++;
        if (failingBlock > 0 && calls >= failingBlock) {
            throw new IllegalStateException("Block manager failed on block " + calls);
        }
        List<T> copy = new ArrayList<>();
        values.forEachRemaining(copy::add);
        blocks.add(new Block<>(copy, ranges, sizeBytes));
        onStore.run();
    }

    synchronized List<Block<T>> blocks() {
        return List.copyOf(blocks);
    }

    synchronized List<T> allValues() {
        List<T> all = new ArrayList<>();
        blocks.forEach(block -> all.addAll(block.values()));
        return all;
    }
}
