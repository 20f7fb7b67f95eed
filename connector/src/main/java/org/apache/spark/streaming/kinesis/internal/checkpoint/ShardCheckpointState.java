package org.apache.spark.streaming.kinesis.internal.checkpoint;

import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * What one shard may be checkpointed to: the last record Spark has stored. It only moves forward, only after a
 * successful store, and never again once a store has failed (so nothing past a lost block is checkpointed).
 *
 * <p>The KCL thread of the shard updates it while the checkpoint timer reads it; both synchronize on it, and the
 * KCL's own checkpointer is synchronized too.
 */
public final class ShardCheckpointState {

    private static final Logger LOG = LoggerFactory.getLogger(ShardCheckpointState.class);

    private final String shardId;
    private RecordProcessorCheckpointer checkpointer;
    private RecordPosition lastStored;
    private RecordPosition lastCheckpointed;
    private boolean frozen;
    private boolean closed;

    ShardCheckpointState(String shardId) {
        this.shardId = shardId;
    }

    public String shardId() {
        return shardId;
    }

    /** Records that every record up to {@code position} is stored in Spark. */
    public synchronized void recordStored(RecordPosition position, RecordProcessorCheckpointer currentCheckpointer) {
        if (frozen || closed) {
            return;
        }
        if (lastStored != null && !position.isAfter(lastStored)) {
            throw new IllegalStateException("Shard " + shardId + " stored " + position + " after " + lastStored
                    + ": records must be stored in sequence order");
        }
        lastStored = position;
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

    public synchronized RecordPosition lastStored() {
        return lastStored;
    }

    public synchronized RecordPosition lastCheckpointed() {
        return lastCheckpointed;
    }

    /** Writes a checkpoint at the last stored record if it is ahead of the last checkpoint. */
    public synchronized CheckpointOutcome checkpointIfBehind() {
        if (closed || lastStored == null || checkpointer == null
                || (lastCheckpointed != null && !lastStored.isAfter(lastCheckpointed))) {
            return CheckpointOutcome.WRITTEN;
        }
        return checkpointWith(checkpointer);
    }

    /**
     * Writes a checkpoint at the last stored record with the given checkpointer (the one the KCL passes to
     * {@code shutdownRequested}), as the last act before the lease is handed over.
     */
    public synchronized CheckpointOutcome checkpointBeforeHandoff(RecordProcessorCheckpointer handoff) {
        if (lastStored == null || (lastCheckpointed != null && !lastStored.isAfter(lastCheckpointed))) {
            return CheckpointOutcome.WRITTEN;
        }
        return checkpointWith(handoff);
    }

    /**
     * Checkpoints the end of the shard, unless a store failed: then the shard stays open, its unstored records
     * are read again after the restart, and only then are its children started.
     */
    public synchronized CheckpointOutcome checkpointShardEnd(RecordProcessorCheckpointer shardEnd) {
        if (frozen) {
            LOG.warn("Shard {} ended but records after {} were not stored; not checkpointing its end", shardId,
                    lastStored);
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

    private CheckpointOutcome checkpointWith(RecordProcessorCheckpointer target) {
        RecordPosition position = lastStored;
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
        return "ShardCheckpointState[" + shardId + ", stored=" + lastStored + ", checkpointed=" + lastCheckpointed
                + (frozen ? ", frozen" : "") + (closed ? ", closed" : "") + "]";
    }
}
