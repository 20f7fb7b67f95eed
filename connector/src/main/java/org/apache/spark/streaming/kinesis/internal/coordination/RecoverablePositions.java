package org.apache.spark.streaming.kinesis.internal.coordination;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;

/**
 * The driver's answer to "how far may this shard be checkpointed?": per shard tenure (see
 * {@link SequenceNumberRanges#tenureId()}), the last position up to which every block the tenure stored is in a
 * batch that can no longer be lost.
 *
 * <p>A batch is safe once it completed successfully, or, when the application asked for it, once a DStream
 * checkpoint that contains it is durably written (a restarted driver then recomputes it from Kinesis). Blocks
 * reach the driver in the order their receiver stored them, and a tenure's blocks follow each other without gaps,
 * so the recoverable position of a tenure is the end of the longest run of its oldest blocks whose batches are all
 * safe: a block in a failed or still running batch holds back everything after it, even blocks of later batches
 * that did complete (with {@code spark.streaming.concurrentJobs} above 1 batches may complete out of order).
 *
 * <p>Memory: one entry per block of a batch not yet safe, and one small record per tenure; tenures with nothing
 * pending that nobody asked about for {@link #IDLE_TENURE_EVICTION_NANOS} are forgotten (their receivers are
 * gone).
 */
public final class RecoverablePositions {

    static final long IDLE_TENURE_EVICTION_NANOS = 10L * 60 * 1_000_000_000L;

    private final Map<String, Tenure> tenures = new HashMap<>();
    /** Batches completed successfully whose time some tenure still has blocks of behind an unsafe one. */
    private final NavigableSet<Long> completedBatches = new TreeSet<>();
    private final LongSupplier nanoClock;
    /** Every batch at or before this time is in a durable DStream checkpoint (Long.MIN_VALUE: none known). */
    private long durablyCheckpointedThrough = Long.MIN_VALUE;

    public RecoverablePositions() {
        this(System::nanoTime);
    }

    /** With the given monotonic clock (nanoseconds), for tests. */
    RecoverablePositions(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The blocks Spark allocated to the batch of {@code batchTime}, in the order they were stored. */
    public synchronized void allocated(long batchTime, List<SequenceNumberRanges> blocks) {
        long now = nanoClock.getAsLong();
        for (SequenceNumberRanges block : blocks) {
            block.tenureId().ifPresent(id -> {
                Tenure tenure = tenures.computeIfAbsent(id, key -> new Tenure());
                tenure.pending.addLast(new PendingBlock(batchTime, block.last()));
                tenure.touchedNanos = now;
            });
        }
        advanceAll();
    }

    /** The batch of {@code batchTime} completed with every output operation successful. */
    public synchronized void batchCompleted(long batchTime) {
        completedBatches.add(batchTime);
        advanceAll();
    }

    /** A DStream checkpoint holding every batch up to {@code batchTime} that had not completed is durable. */
    public synchronized void durablyCheckpointedThrough(long batchTime) {
        if (batchTime > durablyCheckpointedThrough) {
            durablyCheckpointedThrough = batchTime;
            advanceAll();
        }
    }

    /** Per tenure asked for, the position up to which its records are recoverable; tenures without one are absent. */
    public synchronized Map<String, RecordPosition> recoverable(Collection<String> tenureIds) {
        long now = nanoClock.getAsLong();
        Map<String, RecordPosition> positions = new HashMap<>();
        for (String id : tenureIds) {
            Tenure tenure = tenures.get(id);
            if (tenure != null) {
                tenure.touchedNanos = now;
                if (tenure.recoverable != null) {
                    positions.put(id, tenure.recoverable);
                }
            }
        }
        evictIdle(now);
        return positions;
    }

    /** The time of the oldest batch some tenure waits for, if any: what a DStream checkpoint would have to hold. */
    public synchronized OptionalLong oldestUnsafeBatch() {
        long oldest = Long.MAX_VALUE;
        for (Tenure tenure : tenures.values()) {
            PendingBlock head = tenure.pending.peekFirst();
            if (head != null) {
                oldest = Math.min(oldest, head.batchTime());
            }
        }
        return oldest == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(oldest);
    }

    synchronized int tenureCount() {
        return tenures.size();
    }

    private boolean isSafe(long batchTime) {
        return batchTime <= durablyCheckpointedThrough || completedBatches.contains(batchTime);
    }

    private void advanceAll() {
        long oldestPending = Long.MAX_VALUE;
        for (Tenure tenure : tenures.values()) {
            Deque<PendingBlock> pending = tenure.pending;
            while (!pending.isEmpty() && isSafe(pending.peekFirst().batchTime())) {
                RecordPosition last = pending.pollFirst().last();
                if (tenure.recoverable == null || last.isAfter(tenure.recoverable)) {
                    tenure.recoverable = last;
                }
            }
            if (!pending.isEmpty()) {
                oldestPending = Math.min(oldestPending, pending.peekFirst().batchTime());
            }
        }
        // A completed batch older than every tenure's oldest waiting block can no longer matter.
        completedBatches.headSet(oldestPending, false).clear();
    }

    private void evictIdle(long now) {
        for (Iterator<Tenure> it = tenures.values().iterator(); it.hasNext(); ) {
            Tenure tenure = it.next();
            if (tenure.pending.isEmpty() && now - tenure.touchedNanos > IDLE_TENURE_EVICTION_NANOS) {
                it.remove();
            }
        }
    }

    private static final class Tenure {
        private final Deque<PendingBlock> pending = new ArrayDeque<>();
        private RecordPosition recoverable;
        private long touchedNanos;
    }

    private record PendingBlock(long batchTime, RecordPosition last) {
    }
}
