package io.github.sparkkinesis.sql.internal.fetch;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisConnection;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRetrySettings;

/**
 * How the fetch tasks read: where Kinesis is, how calls are retried, how much one call asks for, and how long a
 * fetch may take.
 *
 * @param shardFetchInterval pause before a shard that had nothing new is read again (long polls only)
 * @param maxFetchDuration   time after which a fetch returns what it has
 * @param longPoll           how long a fetch that finds nothing at all keeps polling (zero: not at all)
 * @param consumerArns       per stream, the enhanced fan-out consumer its shards are read through; empty when the
 *                           streams are polled ({@code consumerMode} {@code polling})
 */
public record FetchSettings(KinesisConnection connection, KinesisRetrySettings retrySettings,
        int maxRecordsPerCall, Duration shardFetchInterval, Duration maxFetchDuration, Duration longPoll,
        Map<String, String> consumerArns) implements Serializable {

    public FetchSettings {
        consumerArns = Map.copyOf(consumerArns);
    }

    /** The same settings with another long poll. */
    public FetchSettings withLongPoll(Duration value) {
        return new FetchSettings(connection, retrySettings, maxRecordsPerCall, shardFetchInterval, maxFetchDuration,
                value, consumerArns);
    }
}
