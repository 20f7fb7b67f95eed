package io.github.sparkkinesis.sql.internal.fanout;

import java.time.Duration;
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
 * a fetch that kept fewer records than it took) ends it and subscribes anew. A shard no fetch took for
 * {@link #EVICT_AFTER} is dropped, with the records it kept, when its subscription ends (Kinesis ends each within 5
 * minutes), so the subscriptions and records of a stopped query do not stay in the executor.
 */
public final class SubscribedShards {

    /** How long a shard no fetch takes is kept (its next fetch, if any, then subscribes again). */
    static final Duration EVICT_AFTER = Duration.ofMinutes(1);

    private static final Map<Key, SubscribedShard> SHARDS = new HashMap<>();
    private static final Set<SubscribedShard> IN_USE = new HashSet<>();
    private static final SubscribedShard.Owner KEPT = new SubscribedShard.Owner() {
        @Override
        public void released(SubscribedShard shard) {
            synchronized (SHARDS) {
                IN_USE.remove(shard);
            }
        }

        @Override
        public void subscriptionEnded(SubscribedShard shard) {
            synchronized (SHARDS) {
                if (!IN_USE.contains(shard) && shard.idleNanos() > EVICT_AFTER.toNanos()
                        && SHARDS.values().removeIf(kept -> kept == shard)) {
                    shard.cancel();
                }
            }
        }
    };
    /** A second fetch's own subscription to a shard another fetch holds: ended when that fetch is done. */
    private static final SubscribedShard.Owner OWN = new SubscribedShard.Owner() {
        @Override
        public void released(SubscribedShard shard) {
            shard.cancel();
        }

        @Override
        public void subscriptionEnded(SubscribedShard shard) {
        }
    };
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
                return new SubscribedShard(kinesis, consumerArn, stream, shardId, hashKeyRange, from, maxKept, OWN);
            }
            if (existing != null && existing.continues(from)) {
                IN_USE.add(existing);
                return existing;
            }
            if (existing != null) {
                existing.cancel();
            }
            SubscribedShard created = new SubscribedShard(kinesis, consumerArn, stream, shardId, hashKeyRange, from,
                    maxKept, KEPT);
            SHARDS.put(key, created);
            IN_USE.add(created);
            return created;
        }
    }

    private record Key(String consumerArn, String shardId) {
        Key {
            Objects.requireNonNull(consumerArn);
            Objects.requireNonNull(shardId);
        }
    }
}
