package io.github.sparkkinesis.sql.internal.read;

import java.io.Serializable;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisConnection;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRetrySettings;

/**
 * What a partition reader needs to read a range from Kinesis when its blocks are gone.
 *
 * @param failOnDataLoss fail when records of the range expired before they could be read again
 */
public record ReadSettings(KinesisConnection connection, KinesisRetrySettings retrySettings, int maxRecordsPerCall,
        boolean failOnDataLoss) implements Serializable {
}
