package org.apache.spark.streaming.kinesis.internal.receiver;

import org.apache.spark.streaming.kinesis.internal.checkpoint.CheckpointTracker;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/** Creates the processor the KCL runs for each shard this receiver is assigned. */
final class KinesisShardRecordProcessorFactory<T> implements ShardRecordProcessorFactory {

    private final String streamName;
    private final RecordConverter<T> converter;
    private final BlockWriter<T> blockWriter;
    private final CheckpointTracker checkpoints;
    private final ReceiverFailureHandler failureHandler;

    KinesisShardRecordProcessorFactory(String streamName, RecordConverter<T> converter, BlockWriter<T> blockWriter,
            CheckpointTracker checkpoints, ReceiverFailureHandler failureHandler) {
        this.streamName = streamName;
        this.converter = converter;
        this.blockWriter = blockWriter;
        this.checkpoints = checkpoints;
        this.failureHandler = failureHandler;
    }

    @Override
    public ShardRecordProcessor shardRecordProcessor() {
        return new KinesisShardRecordProcessor<>(streamName, converter, blockWriter, checkpoints, failureHandler);
    }
}
