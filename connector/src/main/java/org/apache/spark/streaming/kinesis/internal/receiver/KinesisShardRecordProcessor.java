package org.apache.spark.streaming.kinesis.internal.receiver;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.checkpoint.CheckpointOutcome;
import org.apache.spark.streaming.kinesis.internal.checkpoint.CheckpointTracker;
import org.apache.spark.streaming.kinesis.internal.checkpoint.ShardCheckpointState;
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
 * <p>If converting or storing fails, the shard is frozen: nothing more of it is stored or checkpointed (the KCL
 * would otherwise carry on with the next batch and the failed one would be lost), and the receiver restarts from
 * the checkpoints, reading the unstored records again.
 */
final class KinesisShardRecordProcessor<T> implements ShardRecordProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisShardRecordProcessor.class);

    private final String streamName;
    private final RecordConverter<T> converter;
    private final BlockWriter<T> blockWriter;
    private final CheckpointTracker checkpoints;
    private final ReceiverFailureHandler failureHandler;
    private final BooleanSupplier receiverStopping;
    private String shardId;
    private ShardCheckpointState state;

    KinesisShardRecordProcessor(String streamName, RecordConverter<T> converter, BlockWriter<T> blockWriter,
            CheckpointTracker checkpoints, ReceiverFailureHandler failureHandler, BooleanSupplier receiverStopping) {
        this.streamName = streamName;
        this.converter = converter;
        this.blockWriter = blockWriter;
        this.checkpoints = checkpoints;
        this.failureHandler = failureHandler;
        this.receiverStopping = receiverStopping;
    }

    /** The factory the KCL calls for each shard this receiver is assigned: a fresh processor per shard. */
    static <T> ShardRecordProcessorFactory factory(String streamName, RecordConverter<T> converter,
            BlockWriter<T> blockWriter, CheckpointTracker checkpoints, ReceiverFailureHandler failureHandler,
            BooleanSupplier receiverStopping) {
        return () -> new KinesisShardRecordProcessor<>(streamName, converter, blockWriter, checkpoints,
                failureHandler, receiverStopping);
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
        state = checkpoints.register(shardId);
        LOG.info("Reading shard {} of stream {} from {}", shardId, streamName, input.extendedSequenceNumber());
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        List<KinesisClientRecord> records = input.records();
        if (records.isEmpty() || state.isFrozen() || state.isClosed()) {
            return;
        }
        List<T> values = new ArrayList<>(records.size());
        for (KinesisClientRecord record : records) {
            try {
                values.add(converter.convert(record));
            } catch (Exception | LinkageError e) {
                fail("The message handler failed on record " + RecordPosition.of(record) + " (partition key '"
                        + record.partitionKey() + "') of shard " + shardId + " in stream " + streamName, e);
                return;
            }
        }
        try {
            blockWriter.write(shardId, records, values, input.millisBehindLatest(),
                    position -> state.recordStored(position, input.checkpointer()));
        } catch (RuntimeException e) {
            fail("Could not store " + records.size() + " records of shard " + shardId + " in stream " + streamName
                    + " after " + state.lastStored(), e);
        }
    }

    private void fail(String message, Throwable cause) {
        state.freeze();
        failureHandler.restartAfter(message + "; restarting the receiver from the last checkpoint", cause);
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        LOG.info("Lost the lease of shard {} of stream {} at {}", shardId, streamName, state.lastStored());
        checkpoints.unregister(state);
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        // The end may only be checkpointed once every record of the shard is safe (see ShardCheckpointState):
        // wait for the last ones. The children wait for this anyway.
        long wait = state.millisUntilAllStoredSafe();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LOG.info("Interrupted before checkpointing the end of shard {}; it is read again later", shardId);
                return;
            }
        }
        CheckpointOutcome outcome = state.checkpointShardEnd(input.checkpointer());
        LOG.info("Shard {} of stream {} ended after {} (end checkpoint: {})", shardId, streamName,
                state.lastStored(), outcome);
        checkpoints.unregister(state);
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        // Handing the lease to another receiver of the running application: the driver processes everything this
        // one stored. Stopping the receiver: its unprocessed blocks may be dropped, so only the safe position.
        boolean handOver = !receiverStopping.getAsBoolean();
        CheckpointOutcome outcome = state.checkpointBeforeHandoff(input.checkpointer(), handOver);
        LOG.info("{} shard {} of stream {}: checkpointed at {} ({}), stored up to {}",
                handOver ? "Handing over" : "Stopping", shardId, streamName, state.lastCheckpointed(), outcome,
                state.lastStored());
    }
}
