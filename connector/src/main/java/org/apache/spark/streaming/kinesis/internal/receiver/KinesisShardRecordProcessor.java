package org.apache.spark.streaming.kinesis.internal.receiver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.checkpoint.CheckpointOutcome;
import org.apache.spark.streaming.kinesis.internal.checkpoint.CheckpointTracker;
import org.apache.spark.streaming.kinesis.internal.checkpoint.ShardCheckpointState;
import org.apache.spark.streaming.kinesis.internal.kcl.ReceiverPrefetchBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Receives the records of one shard from the KCL, converts them with the message handler, stores them in Spark
 * as blocks, and keeps the shard's checkpoint state in step.
 *
 * <p>If storing fails, the shard is frozen: nothing more of it is stored or checkpointed (the KCL would otherwise
 * carry on with the next batch and the failed one would be lost), and the receiver restarts from the checkpoints,
 * reading the unstored records again. If the message handler fails on a record, the {@link FailureBudget} decides:
 * restart and try again, skip the record, or stop the streaming context.
 *
 * <p>Checkpoints only ever cover records the driver can get back (see {@link ShardCheckpointState}). Before a
 * lease goes to another receiver of the running application, the processor waits a while for the driver to
 * confirm everything stored, so that the new owner starts right after it; a stopping receiver does not wait (in a
 * graceful stop the driver only processes the last blocks once the receivers have stopped).
 */
final class KinesisShardRecordProcessor<T> implements ShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisShardRecordProcessor.class);
    /** How often to ask the driver again while waiting for it to confirm stored records. */
    static final Duration CONFIRMATION_POLL = Duration.ofMillis(250);

    private final String streamName;
    private final RecordConverter<T> converter;
    private final BlockWriter<T> blockWriter;
    private final CheckpointTracker checkpoints;
    private final ReceiverFailureHandler failureHandler;
    private final FailureBudget failures;
    private final BooleanSupplier receiverStopping;
    private final Duration handoverWait;
    private final ReceiverPrefetchBudget prefetchBudget;
    private String shardId;
    private ShardCheckpointState state;

    KinesisShardRecordProcessor(String streamName, RecordConverter<T> converter, BlockWriter<T> blockWriter,
            CheckpointTracker checkpoints, ReceiverFailureHandler failureHandler, FailureBudget failures,
            BooleanSupplier receiverStopping, Duration handoverWait, ReceiverPrefetchBudget prefetchBudget) {
        this.streamName = streamName;
        this.converter = converter;
        this.blockWriter = blockWriter;
        this.checkpoints = checkpoints;
        this.failureHandler = failureHandler;
        this.failures = failures;
        this.receiverStopping = receiverStopping;
        this.handoverWait = handoverWait;
        this.prefetchBudget = prefetchBudget;
    }

    /**
     * The factory the KCL calls for each shard this receiver is assigned: a fresh processor per shard.
     *
     * @param handoverWait how long a lease hand-over may wait for the driver to confirm the stored records (less
     *                     than the KCL's graceful hand-over timeout, after which the new owner takes the lease)
     * @param prefetchBudget the receiver's read-ahead budget, given back each batch once it is stored
     */
    static <T> ShardRecordProcessorFactory factory(String streamName, RecordConverter<T> converter,
            BlockWriter<T> blockWriter, CheckpointTracker checkpoints, ReceiverFailureHandler failureHandler,
            FailureBudget failures, BooleanSupplier receiverStopping, Duration handoverWait,
            ReceiverPrefetchBudget prefetchBudget) {
        return () -> new KinesisShardRecordProcessor<>(streamName, converter, blockWriter, checkpoints,
                failureHandler, failures, receiverStopping, handoverWait, prefetchBudget);
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        state = checkpoints.register(shardId);
        LOG.info("Reading shard {} of stream {} from {}", shardId, streamName, input.extendedSequenceNumber());
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        try {
            storeBatch(input);
        } finally {
            // Stored, skipped or failed: the batch no longer needs the receiver's read-ahead budget.
            prefetchBudget.processed(shardId, input.cacheEntryTime());
        }
    }

    private void storeBatch(ProcessRecordsInput input) {
        List<KinesisClientRecord> records = input.records();
        if (records.isEmpty() || state.isFrozen() || state.isClosed()) {
            return;
        }
        RecordPosition failedBefore = failures.failingRecord(shardId);
        List<KinesisClientRecord> kept = new ArrayList<>(records.size());
        List<T> values = new ArrayList<>(records.size());
        // Where a skipped record was left out: the blocks are cut there, so that each block's range holds exactly
        // its records and re-reading a block from Kinesis does not bring the skipped record back.
        List<Integer> cuts = new ArrayList<>(0);
        for (KinesisClientRecord record : records) {
            T value;
            try {
                value = converter.convert(record);
            } catch (Exception | LinkageError e) {
                if (!handlerFailed(record, e)) {
                    return;
                }
                cuts.add(kept.size());
                continue;
            }
            if (failedBefore != null && failedBefore.equals(RecordPosition.of(record))) {
                failures.recordHandled(shardId);
                failedBefore = null;
            }
            kept.add(record);
            values.add(value);
        }
        cuts.add(kept.size());
        int start = 0;
        for (int end : cuts) {
            if (end > start && !store(kept.subList(start, end), values.subList(start, end), input)) {
                return;
            }
            start = end;
        }
    }

    /** Handles the message handler's failure on {@code record}; true if the record is skipped and the rest goes on. */
    private boolean handlerFailed(KinesisClientRecord record, Throwable e) {
        RecordPosition position = RecordPosition.of(record);
        String what = "The message handler failed on record " + position + " (partition key '"
                + record.partitionKey() + "') of shard " + shardId + " in stream " + streamName;
        int attempts = failures.settings().handlerMaxAttempts();
        switch (failures.handlerFailed(shardId, position)) {
            case SKIP -> {
                failures.recordHandled(shardId);
                failureHandler.report(what + (attempts > 1 ? " " + attempts + " times" : "")
                        + "; skipped it as spark.streaming.kinesis.handlerFailure.action=skip asks", e);
                return true;
            }
            case STOP_STREAMING -> {
                state.freeze();
                failureHandler.stopStreaming(what + (attempts > 1 ? " " + attempts + " times in a row" : "")
                        + ". Fix the handler or the record, or set spark.streaming.kinesis.handlerFailure.action="
                        + "skip to leave such records out", e);
                return false;
            }
            default -> {
                fail(what + "; restarting the receiver from the last checkpoint to try again", e);
                return false;
            }
        }
    }

    private boolean store(List<KinesisClientRecord> records, List<T> values, ProcessRecordsInput input) {
        try {
            blockWriter.write(shardId, state.tenureId(), records, values, input.millisBehindLatest(),
                    position -> state.recordStored(position, input.checkpointer()));
            return true;
        } catch (RuntimeException e) {
            fail("Could not store " + records.size() + " records of shard " + shardId + " in stream " + streamName
                    + " after " + state.lastStored() + "; restarting the receiver from the last checkpoint", e);
            return false;
        }
    }

    private void fail(String message, Throwable cause) {
        state.freeze();
        failureHandler.restartAfter(message, cause);
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        if (state == null) {
            // The KCL shuts a shard consumer down without initializing it when the lease is lost first (seen with
            // hundreds of shards per receiver): nothing was read or registered.
            LOG.info("Lost the lease of a shard of stream {} before reading it", streamName);
            return;
        }
        LOG.info("Lost the lease of shard {} of stream {} at {}", shardId, streamName, state.lastStored());
        checkpoints.unregister(state);
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        // Children start once the end is checkpointed, so it may only be once the driver can get back every
        // record of the shard; the children wait for this anyway.
        if (!awaitAllStoredRecoverable(null)) {
            state.checkpointIfBehind();
            LOG.info("Not checkpointing the end of shard {} of stream {}: the receiver stops or failed before the "
                    + "driver processed its last records (stored up to {}, recoverable up to {}); the next reader "
                    + "of the shard reads them again and ends it", shardId, streamName, state.lastStored(),
                    state.recoverablePosition());
            checkpoints.unregister(state);
            return;
        }
        CheckpointOutcome outcome = state.checkpointShardEnd(input.checkpointer());
        LOG.info("Shard {} of stream {} ended after {} (end checkpoint: {})", shardId, streamName,
                state.lastStored(), outcome);
        checkpoints.unregister(state);
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        boolean stopping = receiverStopping.getAsBoolean();
        if (stopping) {
            checkpoints.refresh(state);
        } else {
            awaitAllStoredRecoverable(handoverWait);
        }
        CheckpointOutcome outcome = state.checkpointBeforeHandoff(input.checkpointer());
        LOG.info("{} shard {} of stream {}: checkpointed at {} ({}), stored up to {}",
                stopping ? "Stopping" : "Handing over", shardId, streamName, state.lastCheckpointed(), outcome,
                state.lastStored());
    }

    /**
     * Asks the driver until it confirms every stored record of the shard, the receiver stops, or {@code limit}
     * (null: none) has passed. True if everything stored is confirmed.
     */
    private boolean awaitAllStoredRecoverable(Duration limit) {
        long start = System.nanoTime();
        while (true) {
            checkpoints.refresh(state);
            if (state.allStoredRecoverable()) {
                return true;
            }
            if (receiverStopping.getAsBoolean() || state.isFrozen()
                    || (limit != null && System.nanoTime() - start >= limit.toNanos())) {
                return false;
            }
            try {
                Thread.sleep(CONFIRMATION_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
