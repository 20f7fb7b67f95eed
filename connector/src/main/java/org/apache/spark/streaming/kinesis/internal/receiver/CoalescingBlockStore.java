package org.apache.spark.streaming.kinesis.internal.receiver;

import com.google.common.collect.Iterators;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;

/**
 * Hands the blocks of all of a receiver's shards to Spark one store at a time, and the blocks that arrive while a
 * store is in progress together, as one Spark block (a group commit): the block's metadata keeps each shard block as
 * a part ({@link SequenceNumberRanges#combine}), so ranges, tenures and lags stay per shard.
 *
 * <p>Why: Spark's cost per block (size estimation, block manager, the report to the driver) does not shrink with the
 * block. A receiver of many shards storing each GetRecords answer on its own paid it for every answer, and at 64
 * shards, where answers are small, that bounded the drain. A lone shard is not slowed: a block handed in while
 * nothing is being stored is stored at once, alone.
 *
 * <p>{@link #store} keeps the synchronous contract of {@link BlockStore}: it returns once Spark holds the block that
 * carries the caller's values, and throws if storing that block failed. Whichever waiting caller finds no store in
 * progress stores everything pending, so no thread of its own is needed and nothing waits for a timer.
 */
final class CoalescingBlockStore<T> implements BlockStore<T> {

    /**
     * The most one combined block takes from the queue, in {@link BlockStore#store sizeBytes} (a single block handed in
     * may be larger): as much as the largest block one GetRecords answer makes (10 MiB of data), so combining never
     * makes a block larger than a single answer could. Spark unrolls a block whole and serializes it into one array
     * to replicate it: combined blocks of 100,000 records of 1 KiB (100 MB) ran executors holding 512 shards out of
     * heap.
     */
    static final long MAX_COMBINED_BYTES = 10L * 1024 * 1024;

    private final BlockStore<T> target;
    private final long maxCombinedBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stored = lock.newCondition();
    private final Deque<Pending<T>> pending = new ArrayDeque<>();
    private boolean storing;

    CoalescingBlockStore(BlockStore<T> target) {
        this(target, MAX_COMBINED_BYTES);
    }

    CoalescingBlockStore(BlockStore<T> target, long maxCombinedBytes) {
        this.target = target;
        this.maxCombinedBytes = maxCombinedBytes;
    }

    @Override
    public void store(Iterator<T> values, SequenceNumberRanges ranges, long sizeBytes) {
        Pending<T> mine = new Pending<>(values, ranges, sizeBytes);
        lock.lock();
        try {
            pending.addLast(mine);
            while (true) {
                // Another caller's store may take this block along; otherwise this caller stores once it is its turn,
                // taking the oldest blocks first (its own may be left for a next round by the size bound).
                while (!mine.done && storing) {
                    stored.awaitUninterruptibly();
                }
                if (mine.done) {
                    break;
                }
                storing = true;
                List<Pending<T>> batch = takePending();
                Throwable failure = null;
                lock.unlock();
                try {
                    storeAll(batch);
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    lock.lock();
                    for (Pending<T> block : batch) {
                        block.finish(failure);
                    }
                    storing = false;
                    stored.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
        mine.rethrowFailure();
    }

    /** Blocks handed in and not yet taken by a store (for tests). */
    int pendingBlocks() {
        lock.lock();
        try {
            return pending.size();
        } finally {
            lock.unlock();
        }
    }

    /** The oldest pending blocks, up to the combined size bound (at least one). Called holding the lock. */
    private List<Pending<T>> takePending() {
        List<Pending<T>> batch = new ArrayList<>();
        long bytes = 0;
        while (!pending.isEmpty()) {
            Pending<T> next = pending.peekFirst();
            if (!batch.isEmpty() && bytes + next.sizeBytes > maxCombinedBytes) {
                break;
            }
            batch.add(pending.pollFirst());
            bytes += next.sizeBytes;
        }
        return batch;
    }

    private void storeAll(List<Pending<T>> batch) {
        if (batch.size() == 1) {
            target.store(batch.get(0).values, batch.get(0).ranges, batch.get(0).sizeBytes);
            return;
        }
        List<Iterator<T>> values = new ArrayList<>(batch.size());
        List<SequenceNumberRanges> ranges = new ArrayList<>(batch.size());
        long sizeBytes = 0;
        for (Pending<T> block : batch) {
            values.add(block.values);
            ranges.add(block.ranges);
            sizeBytes += block.sizeBytes;
        }
        target.store(Iterators.concat(values.iterator()), SequenceNumberRanges.combine(ranges), sizeBytes);
    }

    /** A block handed in and its outcome. Its fields after construction are guarded by the store's lock. */
    private static final class Pending<T> {
        private final Iterator<T> values;
        private final SequenceNumberRanges ranges;
        private final long sizeBytes;
        private boolean done;
        private Throwable failure;

        Pending(Iterator<T> values, SequenceNumberRanges ranges, long sizeBytes) {
            this.values = values;
            this.ranges = ranges;
            this.sizeBytes = sizeBytes;
        }

        void finish(Throwable failure) {
            this.done = true;
            this.failure = failure;
        }

        void rethrowFailure() {
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                // A new exception per caller, so that each shard's failure report has its own stack and the store's
                // failure as its cause.
                throw new IllegalStateException("Storing a block of " + ranges.recordCount()
                        + " records together with other shards' blocks failed", failure);
            }
        }
    }
}
