package org.apache.spark.streaming.kinesis.internal.checkpoint;

import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;

/**
 * Writes one checkpoint through the KCL, retrying throttling and DynamoDB hiccups a few times with backoff, and
 * turning the KCL's exceptions into an outcome the caller can act on.
 */
final class ShardCheckpointer {

    private static final Logger LOG = LoggerFactory.getLogger(ShardCheckpointer.class);
    private static final int MAX_ATTEMPTS = 4;
    private static final long FIRST_BACKOFF_MILLIS = 100;

    private ShardCheckpointer() {
    }

    /** Checkpoints {@code position}: the shard resumes after it on restart or failover. */
    static CheckpointOutcome checkpoint(String shardId, RecordProcessorCheckpointer checkpointer,
            RecordPosition position) {
        return attempt(shardId, "at " + position,
                () -> checkpointer.checkpoint(position.sequenceNumber(), position.subSequenceNumber()));
    }

    /** Marks the shard as completely processed, which lets the KCL start its child shards. */
    static CheckpointOutcome checkpointShardEnd(String shardId, RecordProcessorCheckpointer checkpointer) {
        return attempt(shardId, "at SHARD_END", checkpointer::checkpoint);
    }

    private interface CheckpointCall {
        void run() throws InvalidStateException, ShutdownException, ThrottlingException,
                KinesisClientLibDependencyException;
    }

    private static CheckpointOutcome attempt(String shardId, String what, CheckpointCall call) {
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                LOG.debug("Checkpointed shard {} {}", shardId, what);
                return CheckpointOutcome.WRITTEN;
            } catch (ShutdownException e) {
                LOG.info("Not checkpointing shard {} {}: its lease was lost to another worker", shardId, what);
                return CheckpointOutcome.LEASE_LOST;
            } catch (ThrottlingException | KinesisClientLibDependencyException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    LOG.warn("Could not checkpoint shard {} {} after {} attempts; will retry at the next "
                            + "checkpoint", shardId, what, attempt, e);
                    return CheckpointOutcome.FAILED;
                }
                if (!sleep(backoff)) {
                    return CheckpointOutcome.FAILED;
                }
                backoff *= 2;
            } catch (InvalidStateException e) {
                LOG.error("Could not checkpoint shard {} {}: the lease table is not usable", shardId, what, e);
                return CheckpointOutcome.FAILED;
            }
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
