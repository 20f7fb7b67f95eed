package io.github.sparkkinesis.sql.internal.write;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.github.sparkkinesis.sql.internal.options.KnownSinkOptions;
import org.apache.spark.streaming.kinesis.internal.kpl.KplAggregate;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Packs user records into KPL aggregates, one open aggregate per shard (records of one key go to one shard, so
 * they stay in order), each closed when the next record would take it past {@link #MAX_AGGREGATE_BYTES}. An
 * aggregate is put with the hash key of its first user record and that record's partition key.
 */
final class ShardAggregator {

    /** The KPL's default aggregate size: small enough that a call holds many, large enough to pay off. */
    static final int MAX_AGGREGATE_BYTES = 51_200;

    private final StreamShardMaps shards;
    private final Map<String, Open> open = new LinkedHashMap<>();

    ShardAggregator(StreamShardMaps shards) {
        this.shards = shards;
    }

    /**
     * Adds {@code record}; returns the aggregates it closed (at most one), and the record itself when it is too
     * large to wrap in an aggregate within Kinesis' record limit.
     */
    List<PutEntry> add(UserRecord record) {
        BigInteger hashKey = ExplicitHashKeys.effective(record.partitionKey(), record.explicitHashKey());
        Shard shard = shards.shardOf(record.stream(), hashKey);
        String key = record.stream() + "/" + shard.shardId();
        List<PutEntry> closed = new ArrayList<>(1);
        Open aggregate = open.get(key);
        if (new Open(record.stream(), shard.shardId(), record.partitionKey(), new KplAggregate(hashKey.toString()))
                .sizeWith(record) > KnownSinkOptions.KINESIS_MAX_RECORD_BYTES) {
            // Too large to wrap: it goes as a plain record, after the shard's aggregate so far (order).
            if (aggregate != null) {
                closed.add(open.remove(key).entry());
            }
            closed.add(PutEntry.of(record));
            return closed;
        }
        if (aggregate != null && aggregate.sizeWith(record) > MAX_AGGREGATE_BYTES) {
            closed.add(open.remove(key).entry());
            aggregate = null;
        }
        if (aggregate == null) {
            aggregate = new Open(record.stream(), shard.shardId(), record.partitionKey(),
                    new KplAggregate(hashKey.toString()));
            open.put(key, aggregate);
        }
        aggregate.aggregate.add(record.partitionKey(), record.data());
        return closed;
    }

    /** Every open aggregate, closed. */
    List<PutEntry> drain() {
        List<PutEntry> closed = new ArrayList<>(open.size());
        open.values().forEach(aggregate -> closed.add(aggregate.entry()));
        open.clear();
        return closed;
    }

    private record Open(String stream, String shardId, String partitionKey, KplAggregate aggregate) {

        long sizeWith(UserRecord record) {
            return aggregate.sizeWith(record.partitionKey(), record.data().length) + keyBytes();
        }

        PutEntry entry() {
            byte[] data = aggregate.toBytes();
            return new PutEntry(stream, partitionKey, aggregate.explicitHashKey(), data, shardId, aggregate.count(),
                    data.length + keyBytes());
        }

        private long keyBytes() {
            return partitionKey.getBytes(StandardCharsets.UTF_8).length;
        }
    }
}
