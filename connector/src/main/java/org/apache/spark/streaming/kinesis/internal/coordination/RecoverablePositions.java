package org.apache.spark.streaming.kinesis.internal.coordination;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;

/**
 * The driver's answer to "how far may this shard be checkpointed?": per shard tenure (see
 * {@link SequenceNumberRanges#tenureId()}), the last position up to which every block the tenure stored is in a
 * batch that can no longer be lost.
 *
 * <p>Each block is recorded with a batch time at or after the batch that runs it. It is safe once every batch up to
 * that time has run (see {@link BatchProgress}), or, when the application asked for it, once a DStream checkpoint
 * taken at or after that time is durably written (a restarted driver then recomputes the batch from Kinesis).
 * Blocks reach the driver in the order their receiver stored them, and a tenure's blocks follow each other without
 * gaps, so the recoverable position of a tenure is the end of the longest run of its oldest blocks that are safe:
 * a block of a failed or still running batch holds back everything after it.
 *
 * <p>Memory: one entry per block of a batch not yet safe, and one small record per tenure; tenures with nothing
 * pending that nobody asked about for {@link #IDLE_TENURE_EVICTION_NANOS} are forgotten (their receivers are
 * gone).
 */
public final class RecoverablePositions {

    static final long IDLE_TENURE_EVICTION_NANOS = 10L * 60 * 1_000_000_000L;

    private final Map<String, Tenure> tenures = new HashMap<>();
    private final LongSupplier nanoClock;
    /** Blocks recorded with this time or an earlier one are safe (Long.MIN_VALUE: none yet). */
    private long safeThrough = Long.MIN_VALUE;

    public RecoverablePositions() {
        this(System::nanoTime);
    }

    /** With the given monotonic clock (nanoseconds), for tests. */
    RecoverablePositions(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * Blocks of one batch interval, in the order they were stored, now part of a batch whose time is
     * {@code batchTime} or earlier.
     */
    public synchronized void allocated(long batchTime, List<SequenceNumberRanges> blocks) {
        long now = nanoClock.getAsLong();
        for (SequenceNumberRanges block : blocks) {
            for (SequenceNumberRanges part : block.parts()) {
                part.tenureId().ifPresent(id -> {
                    Tenure tenure = tenures.computeIfAbsent(id, key -> new Tenure());
                    tenure.pending.addLast(new PendingBlock(batchTime, part.last()));
                    tenure.touchedNanos = now;
                });
            }
        }
        advanceAll();
    }

    /**
     * Every batch up to {@code batchTime} has run, or is in a DStream checkpoint written to durable storage. Only
     * moves forward.
     */
    public synchronized void safeThrough(long batchTime) {
        if (batchTime > safeThrough) {
            safeThrough = batchTime;
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

    private void advanceAll() {
        for (Tenure tenure : tenures.values()) {
            Deque<PendingBlock> pending = tenure.pending;
            while (!pending.isEmpty() && pending.peekFirst().batchTime() <= safeThrough) {
                RecordPosition last = pending.pollFirst().last();
                if (tenure.recoverable == null || last.isAfter(tenure.recoverable)) {
                    tenure.recoverable = last;
                }
            }
        }
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
