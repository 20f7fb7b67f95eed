package org.apache.spark.streaming.kinesis.internal.checkpoint;

import java.util.concurrent.locks.ReentrantLock;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * What one shard may be checkpointed to during one <em>tenure</em> (this receiver's uninterrupted ownership of
 * the shard). Two positions move forward:
 * <ul>
 *   <li><b>stored</b>: the last record of the last block Spark stored; it stops moving once a store failed, so
 *       nothing past a lost block is ever considered;</li>
 *   <li><b>recoverable</b>: how far the driver says the stored blocks are in batches that can no longer be lost
 *       (completed ones, see {@code RecoverablePositions}). Only this position is ever checkpointed, by the timer,
 *       before a lease is handed over, or when the receiver stops.</li>
 * </ul>
 *
 * <p>The shard's KCL thread records stored positions after every block, so it must never wait for DynamoDB: the
 * state's monitor guards only the positions, and a checkpoint is written outside it, under a separate lock that
 * keeps the timer's and the hand-over's writes of this shard in order. (The KCL's own checkpointer is
 * synchronized too, so the KCL thread may still wait for one DynamoDB call, never for retries and back-off.)
 */
public final class ShardCheckpointState {

    private static final Logger LOG = LoggerFactory.getLogger(ShardCheckpointState.class);

    private final String shardId;
    private final String tenureId;
    private final ReentrantLock writing = new ReentrantLock();
    private RecordProcessorCheckpointer checkpointer;
    private RecordPosition lastStored;
    private RecordPosition recoverable;
    private RecordPosition lastCheckpointed;
    private boolean frozen;
    private boolean closed;

    ShardCheckpointState(String shardId, String tenureId) {
        this.shardId = shardId;
        this.tenureId = tenureId;
    }

    public String shardId() {
        return shardId;
    }

    /** The tenure the blocks of this state are stored under (see {@code SequenceNumberRanges#tenureId}). */
    public String tenureId() {
        return tenureId;
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
     * What the driver says is recoverable. Positions beyond what this tenure stored cannot come from its blocks
     * and are ignored, as are positions behind the current one.
     */
    public synchronized void confirmRecoverable(RecordPosition position) {
        if (position == null || lastStored == null || position.isAfter(lastStored)) {
            return;
        }
        if (recoverable == null || position.isAfter(recoverable)) {
            recoverable = position;
        }
    }

    /**
     * Stops the position from moving: called when records of this shard could not be stored or converted. The
     * shard can still be checkpointed up to what was stored, and is recoverable, before.
     */
    public synchronized void freeze() {
        frozen = true;
    }

    public synchronized boolean isFrozen() {
        return frozen;
    }

    /** The last stored position, or null. */
    public synchronized RecordPosition lastStored() {
        return lastStored;
    }

    /** The newest position the driver confirmed recoverable, or null. */
    public synchronized RecordPosition recoverablePosition() {
        return recoverable;
    }

    /** Whether every stored record is recoverable (also when nothing was stored). */
    public synchronized boolean allStoredRecoverable() {
        return lastStored == null || lastStored.equals(recoverable);
    }

    public synchronized RecordPosition lastCheckpointed() {
        return lastCheckpointed;
    }

    /** Writes a checkpoint at the recoverable position if it is ahead of the last checkpoint (the timer's call). */
    public CheckpointOutcome checkpointIfBehind() {
        return checkpointRecoverable(null);
    }

    /**
     * Writes the last checkpoint before the lease goes (to another receiver, or because this one stops), with the
     * checkpointer the KCL passes to {@code shutdownRequested}, at the recoverable position.
     */
    public CheckpointOutcome checkpointBeforeHandoff(RecordProcessorCheckpointer handoff) {
        return checkpointRecoverable(handoff);
    }

    /**
     * Checkpoints the end of the shard, unless a store failed: then the shard stays open, its unstored records
     * are read again after the restart, and only then are its children started. Call once
     * {@link #allStoredRecoverable()} holds: the children of a shard may only start when nothing of it can be
     * lost any more.
     */
    public CheckpointOutcome checkpointShardEnd(RecordProcessorCheckpointer shardEnd) {
        writing.lock();
        try {
            synchronized (this) {
                if (frozen) {
                    LOG.warn("Shard {} ended but records after {} were not stored; not checkpointing its end",
                            shardId, lastStored);
                    return CheckpointOutcome.FAILED;
                }
                if (!allStoredRecoverable()) {
                    throw new IllegalStateException("Shard " + shardId + " ended with records stored up to "
                            + lastStored + " but only " + recoverable + " recoverable");
                }
            }
            CheckpointOutcome outcome = ShardCheckpointer.checkpointShardEnd(shardId, shardEnd);
            if (outcome == CheckpointOutcome.WRITTEN) {
                close();
            }
            return outcome;
        } finally {
            writing.unlock();
        }
    }

    /** Stops checkpointing this shard (lease lost, shard ended, or shut down). */
    public synchronized void close() {
        closed = true;
        checkpointer = null;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private CheckpointOutcome checkpointRecoverable(RecordProcessorCheckpointer handoff) {
        writing.lock();
        try {
            RecordProcessorCheckpointer target;
            RecordPosition position;
            synchronized (this) {
                target = handoff != null ? handoff : closed ? null : checkpointer;
                position = recoverable;
                if (target == null || position == null
                        || (lastCheckpointed != null && !position.isAfter(lastCheckpointed))) {
                    return CheckpointOutcome.WRITTEN;
                }
            }
            CheckpointOutcome outcome = ShardCheckpointer.checkpoint(shardId, target, position);
            synchronized (this) {
                if (outcome == CheckpointOutcome.WRITTEN) {
                    lastCheckpointed = position;
                } else if (outcome == CheckpointOutcome.LEASE_LOST) {
                    close();
                }
            }
            return outcome;
        } finally {
            writing.unlock();
        }
    }

    @Override
    public synchronized String toString() {
        return "ShardCheckpointState[" + shardId + ", stored=" + lastStored + ", recoverable=" + recoverable
                + ", checkpointed=" + lastCheckpointed + (frozen ? ", frozen" : "") + (closed ? ", closed" : "")
                + "]";
    }
}
