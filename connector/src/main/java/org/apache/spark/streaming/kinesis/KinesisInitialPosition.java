package org.apache.spark.streaming.kinesis;

import java.io.Serializable;
import software.amazon.kinesis.common.InitialPositionInStream;

/**
 * Where a Kinesis DStream starts reading a shard that has no checkpoint yet. Once the application has
 * checkpointed a shard (in its DynamoDB lease table), it resumes after the checkpoint instead.
 *
 * <p>Use one of {@link KinesisInitialPositions}: {@code new KinesisInitialPositions.Latest()},
 * {@code new KinesisInitialPositions.TrimHorizon()} or {@code new KinesisInitialPositions.AtTimestamp(date)}.
 */
public interface KinesisInitialPosition extends Serializable {

    /** The KCL position this corresponds to. */
    InitialPositionInStream getPosition();
}
