package io.github.sparkkinesis.sql.internal.fetch;

import java.io.Serializable;
import java.time.Duration;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisConnection;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRetrySettings;

/**
 * How the fetch tasks read: where Kinesis is, how calls are retried, how much one call asks for, and how long a
 * fetch may take.
 *
 * @param shardFetchInterval pause before a shard that had nothing new is read again (long polls only)
 * @param maxFetchDuration   time after which a fetch returns what it has
 * @param longPoll           how long a fetch that finds nothing at all keeps polling (zero: not at all)
 */
public record FetchSettings(KinesisConnection connection, KinesisRetrySettings retrySettings,
        int maxRecordsPerCall, Duration shardFetchInterval, Duration maxFetchDuration, Duration longPoll)
        implements Serializable {
}
