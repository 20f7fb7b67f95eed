package org.apache.spark.streaming.kinesis.internal.checkpoint;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * What one shard may be checkpointed to. Positions enter when Spark has stored the block ending there, only move
 * forward, and stop entering once a store has failed (so nothing past a lost block is checkpointed).
 *
 * <p>A stored position becomes <em>safe</em> once it has been stored for the safety delay (see
 * {@link CheckpointTracker}): by then its block is in a generated batch that is in the driver's checkpoint, so a
 * driver restart recomputes it from Kinesis. Periodic checkpoints and the checkpoints of a stopping receiver only
 * go as far as the safe position; a lease handed to another receiver of the running application is checkpointed
 * up to the last stored record, which the driver will process.
 *
 * <p>The KCL thread of the shard updates it while the checkpoint timer reads it; both synchronize on it, and the
 * KCL's own checkpointer is synchronized too.
 */
public final class ShardCheckpointState {

    private static final Logger LOG = LoggerFactory.getLogger(ShardCheckpointState.class);

    private final String shardId;
    private final long safetyDelayMillis;
    private final LongSupplier clockMillis;
    /** Stored positions not yet known safe, oldest first, after the newest safe one (kept as the head). */
    private final Deque<StoredPosition> stored = new ArrayDeque<>();
    private RecordProcessorCheckpointer checkpointer;
    private RecordPosition lastCheckpointed;
    private boolean frozen;
    private boolean closed;

    ShardCheckpointState(String shardId, long safetyDelayMillis, LongSupplier clockMillis) {
        this.shardId = shardId;
        this.safetyDelayMillis = safetyDelayMillis;
        this.clockMillis = clockMillis;
    }

    public String shardId() {
        return shardId;
    }

    /** Records that every record up to {@code position} is stored in Spark. */
    public synchronized void recordStored(RecordPosition position, RecordProcessorCheckpointer currentCheckpointer) {
        if (frozen || closed) {
            return;
        }
        RecordPosition last = lastStored();
        if (last != null && !position.isAfter(last)) {
            throw new IllegalStateException("Shard " + shardId + " stored " + position + " after " + last
                    + ": records must be stored in sequence order");
        }
        stored.addLast(new StoredPosition(position, clockMillis.getAsLong()));
        checkpointer = currentCheckpointer;
    }

    /**
     * Stops the position from moving: called when records of this shard could not be stored or converted. The
     * shard can still be checkpointed up to what was stored before.
     */
    public synchronized void freeze() {
        frozen = true;
    }

    public synchronized boolean isFrozen() {
        return frozen;
    }

    /** The last stored position, or null. */
    public synchronized RecordPosition lastStored() {
        return stored.isEmpty() ? null : stored.peekLast().position();
    }

    /** The newest position stored at least the safety delay ago, or null. */
    public synchronized RecordPosition safePosition() {
        long safeBefore = clockMillis.getAsLong() - safetyDelayMillis;
        StoredPosition safe = null;
        while (!stored.isEmpty() && stored.peekFirst().storedAtMillis() <= safeBefore) {
            safe = stored.pollFirst();
        }
        if (safe != null) {
            stored.addFirst(safe);
            return safe.position();
        }
        StoredPosition head = stored.peekFirst();
        return head != null && head.storedAtMillis() <= safeBefore ? head.position() : null;
    }

    /** How long until everything stored so far is safe (0 if it already is). */
    public synchronized long millisUntilAllStoredSafe() {
        if (stored.isEmpty()) {
            return 0;
        }
        return Math.max(0, stored.peekLast().storedAtMillis() + safetyDelayMillis - clockMillis.getAsLong());
    }

    public synchronized RecordPosition lastCheckpointed() {
        return lastCheckpointed;
    }

    /** Writes a checkpoint at the safe position if it is ahead of the last checkpoint (the timer's call). */
    public synchronized CheckpointOutcome checkpointIfBehind() {
        if (closed || checkpointer == null) {
            return CheckpointOutcome.WRITTEN;
        }
        return checkpointWith(checkpointer, safePosition());
    }

    /**
     * Writes the last checkpoint before the lease goes, with the checkpointer the KCL passes to
     * {@code shutdownRequested}.
     *
     * @param upToLastStored true when the application goes on running (a lease handed to another receiver): its
     *                       driver processes everything stored; false when this receiver stops, which may be part
     *                       of a stop that drops unprocessed blocks: then only the safe position
     */
    public synchronized CheckpointOutcome checkpointBeforeHandoff(RecordProcessorCheckpointer handoff,
            boolean upToLastStored) {
        return checkpointWith(handoff, upToLastStored ? lastStored() : safePosition());
    }

    /**
     * Checkpoints the end of the shard, unless a store failed: then the shard stays open, its unstored records
     * are read again after the restart, and only then are its children started. Call once
     * {@link #millisUntilAllStoredSafe()} is 0.
     */
    public synchronized CheckpointOutcome checkpointShardEnd(RecordProcessorCheckpointer shardEnd) {
        if (frozen) {
            LOG.warn("Shard {} ended but records after {} were not stored; not checkpointing its end", shardId,
                    lastStored());
            return CheckpointOutcome.FAILED;
        }
        CheckpointOutcome outcome = ShardCheckpointer.checkpointShardEnd(shardId, shardEnd);
        if (outcome == CheckpointOutcome.WRITTEN) {
            closed = true;
        }
        return outcome;
    }

    /** Stops checkpointing this shard (lease lost, shard ended, or shut down). */
    public synchronized void close() {
        closed = true;
        checkpointer = null;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private CheckpointOutcome checkpointWith(RecordProcessorCheckpointer target, RecordPosition position) {
        if (position == null || (lastCheckpointed != null && !position.isAfter(lastCheckpointed))) {
            return CheckpointOutcome.WRITTEN;
        }
        CheckpointOutcome outcome = ShardCheckpointer.checkpoint(shardId, target, position);
        if (outcome == CheckpointOutcome.WRITTEN) {
            lastCheckpointed = position;
        } else if (outcome == CheckpointOutcome.LEASE_LOST) {
            close();
        }
        return outcome;
    }

    @Override
    public synchronized String toString() {
        return "ShardCheckpointState[" + shardId + ", stored=" + lastStored() + ", checkpointed=" + lastCheckpointed
                + (frozen ? ", frozen" : "") + (closed ? ", closed" : "") + "]";
    }

    private record StoredPosition(RecordPosition position, long storedAtMillis) {
    }
}
