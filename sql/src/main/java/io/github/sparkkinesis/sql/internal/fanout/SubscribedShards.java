package io.github.sparkkinesis.sql.internal.fanout;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.streaming.kinesis.internal.read.ShardPageSource;
import org.apache.spark.streaming.kinesis.internal.read.StartingPoint;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;

/**
 * The shards this JVM (an executor) reads through enhanced fan-out consumers, one {@link SubscribedShard} per
 * consumer and shard, kept from one fetch to the next: a fetch that continues where the last one's pages ended
 * gets the same subscription, with what Kinesis pushed meanwhile; a fetch from anywhere else (a batch read again,
 * a fetch that kept fewer records than it took) ends it and subscribes anew.
 */
public final class SubscribedShards {

    private static final Map<Key, SubscribedShard> SHARDS = new HashMap<>();
    private static final Set<SubscribedShard> IN_USE = new HashSet<>();

    private SubscribedShards() {
    }

    /**
     * Pages of {@code shardId} from {@code from} through consumer {@code consumerArn}; close the source when the fetch
     * is done with it.
     *
     * @param maxKept records kept between fetches at most (see {@link SubscribedShard})
     */
    public static ShardPageSource open(KinesisAsyncClient kinesis, String consumerArn, String stream,
            String shardId, HashKeyRange hashKeyRange, StartingPoint from, int maxKept) {
        Key key = new Key(consumerArn, shardId);
        synchronized (SHARDS) {
            SubscribedShard existing = SHARDS.get(key);
            if (existing != null && IN_USE.contains(existing)) {
                // Two fetches of one shard at once (a speculative task): the second has its own subscription, which
                // Kinesis may refuse for 5 s, and which is not kept.
                return new SubscribedShard(kinesis, consumerArn, stream, shardId, hashKeyRange, from, maxKept,
                        SubscribedShard::cancel);
            }
            if (existing != null && existing.continues(from)) {
                IN_USE.add(existing);
                return existing;
            }
            if (existing != null) {
                existing.cancel();
            }
            SubscribedShard created = new SubscribedShard(kinesis, consumerArn, stream, shardId, hashKeyRange, from,
                    maxKept, SubscribedShards::release);
            SHARDS.put(key, created);
            IN_USE.add(created);
            return created;
        }
    }

    private static void release(SubscribedShard shard) {
        synchronized (SHARDS) {
            IN_USE.remove(shard);
        }
    }

    private record Key(String consumerArn, String shardId) {
        Key {
            Objects.requireNonNull(consumerArn);
            Objects.requireNonNull(shardId);
        }
    }
}
