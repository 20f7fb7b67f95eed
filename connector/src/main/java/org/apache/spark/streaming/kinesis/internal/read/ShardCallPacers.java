package org.apache.spark.streaming.kinesis.internal.read;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The pacers of one JVM, one per stream, shard and operation. All tasks of an executor that re-read blocks of the
 * same shard, and a receiver's poller of that shard in the same executor, share them, so together they stay within
 * the shard's limits; executors do not coordinate with each other (a throttled call backs off instead). A shard's
 * entry is a few fields (a receiver of 1,000 shards adds 1,000 of them), so entries are kept for the life of the JVM.
 */
public final class ShardCallPacers {

    private static final ShardCallPacers JVM_WIDE = new ShardCallPacers(ShardCallPacer::atKinesisLimits);

    private final ConcurrentMap<String, ShardCallPacer> pacers = new ConcurrentHashMap<>();
    private final Supplier<ShardCallPacer> newPacer;

    ShardCallPacers(Supplier<ShardCallPacer> newPacer) {
        this.newPacer = newPacer;
    }

    public static ShardCallPacers jvmWide() {
        return JVM_WIDE;
    }

    public ShardCallPacer getRecords(String stream, String shardId) {
        return pacer(stream, shardId, "GetRecords");
    }

    ShardCallPacer getShardIterator(String stream, String shardId) {
        return pacer(stream, shardId, "GetShardIterator");
    }

    private ShardCallPacer pacer(String stream, String shardId, String operation) {
        return pacers.computeIfAbsent(stream + '/' + shardId + '/' + operation, key -> newPacer.get());
    }
}
