package io.github.sparkkinesis.localstack.fanout;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The subscriptions being served, one per consumer and shard, with Kinesis's rule: a consumer that subscribes to a
 * shard again within the re-subscribe guard (5 s) of its last successful subscription gets ResourceInUseException;
 * after it, the new subscription takes the shard over and the old one ends with ResourceInUseException.
 * Thread-safe.
 */
final class SubscriptionRegistry {

    private final FanOutServerSettings settings;
    private final Map<ShardSubscription.Key, ShardSubscription> active = new HashMap<>();
    private final Map<ShardSubscription.Key, Long> lastStartNanos = new HashMap<>();
    private long accepted;
    private long refused;

    SubscriptionRegistry(FanOutServerSettings settings) {
        this.settings = settings;
    }

    /**
     * Admits a new subscription (made by {@code create}, which gets the callback that removes it when it ends), or
     * throws ResourceInUseException within the guard.
     */
    synchronized ShardSubscription admit(ShardSubscription.Key key,
            Function<Runnable, ShardSubscription> create) {
        long now = System.nanoTime();
        Long last = lastStartNanos.get(key);
        if (last != null && now - last < settings.resubscribeGuard().toNanos()) {
            refused++;
            throw KinesisServiceError.resourceInUse("Another subscription of consumer " + key.consumerArn()
                    + " to shard " + key.shardId() + " started less than "
                    + settings.resubscribeGuard().toMillis() + " ms ago");
        }
        ShardSubscription previous = active.get(key);
        if (previous != null) {
            previous.fail("ResourceInUseException", "Another subscription of consumer " + key.consumerArn()
                    + " to shard " + key.shardId() + " took over");
        }
        ShardSubscription[] created = new ShardSubscription[1];
        created[0] = create.apply(() -> remove(key, created[0]));
        active.put(key, created[0]);
        lastStartNanos.put(key, now);
        accepted++;
        return created[0];
    }

    private synchronized void remove(ShardSubscription.Key key, ShardSubscription subscription) {
        active.remove(key, subscription);
    }

    /** Subscriptions being served now. */
    synchronized List<ShardSubscription> active() {
        return new ArrayList<>(active.values());
    }

    /** SubscribeToShard calls that started a subscription. */
    synchronized long accepted() {
        return accepted;
    }

    /** SubscribeToShard calls refused with ResourceInUseException within the guard. */
    synchronized long refused() {
        return refused;
    }

    /** Wakes the subscriptions to the stream's shards: records were just put. */
    void wake(String streamName) {
        for (ShardSubscription subscription : active()) {
            if (subscription.streamName().equals(streamName)) {
                subscription.wake();
            }
        }
    }
}
