package io.github.sparkkinesis.sql.internal.write;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.streaming.kinesis.internal.read.RetryingKinesisCall;
import org.apache.spark.streaming.kinesis.internal.read.StreamShards;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The open shards of the streams a task writes to, listed once per stream and task: an aggregate gathers the
 * records of one shard. A shard map gone stale by resharding only moves aggregates to another shard (their user
 * records carry the aggregate's hash key, see {@code KplAggregate}); nothing is lost.
 */
final class StreamShardMaps {

    private final KinesisClient kinesis;
    private final RetryingKinesisCall retries;
    private final Map<String, List<Shard>> openShards = new HashMap<>();

    /** @param retries how ListShards is retried: as the source's calls, by Spark's Kinesis retry settings */
    StreamShardMaps(KinesisClient kinesis, RetryingKinesisCall retries) {
        this.kinesis = kinesis;
        this.retries = retries;
    }

    /** The open shard of {@code stream} whose hash key range holds {@code hashKey}. */
    Shard shardOf(String stream, BigInteger hashKey) {
        List<Shard> shards = openShards.computeIfAbsent(stream, name -> StreamShards.list(kinesis, retries, name)
                .stream().filter(shard -> shard.sequenceNumberRange().endingSequenceNumber() == null).toList());
        for (Shard shard : shards) {
            if (hashKey.compareTo(new BigInteger(shard.hashKeyRange().startingHashKey())) >= 0
                    && hashKey.compareTo(new BigInteger(shard.hashKeyRange().endingHashKey())) <= 0) {
                return shard;
            }
        }
        throw new KinesisWriteException("No open shard of Kinesis stream " + stream + " holds hash key " + hashKey
                + " (" + shards.size() + " open shards listed)");
    }
}
