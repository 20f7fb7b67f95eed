package io.github.sparkkinesis.benchmarks.server;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A Kinesis stream held in memory by {@link FastKinesisServer}: a fixed set of open shards splitting the hash key
 * space evenly, always ACTIVE. Records are preloaded through {@link #preload} or appended by PutRecord(s).
 */
public final class InMemoryStream {

    private final String name;
    private final String arn;
    private final String streamId;
    private final Instant creationTime;
    private final List<InMemoryShard> shards;
    private final CallWindow listShardsCalls;

    InMemoryStream(String name, String arn, int shardCount, Instant creationTime, ThroughputLimits limits) {
        if (shardCount < 1 || shardCount > SequenceNumbers.MAX_SHARDS) {
            throw new IllegalArgumentException("A stream needs 1 to " + (SequenceNumbers.MAX_SHARDS - 1)
                    + " shards, not " + shardCount);
        }
        this.name = name;
        this.arn = arn;
        // Only needs to be non-empty and stable (the KCL's stream-id tracking checks that); unique per creation.
        this.streamId = UUID.nameUUIDFromBytes((name + "@" + creationTime).getBytes(StandardCharsets.UTF_8))
                .toString();
        this.creationTime = creationTime;
        List<InMemoryShard> created = new ArrayList<>(shardCount);
        for (int i = 0; i < shardCount; i++) {
            created.add(new InMemoryShard(i, shardCount, limits));
        }
        this.shards = Collections.unmodifiableList(created);
        this.listShardsCalls = new CallWindow(limits.listShardsPerStreamPerSecond());
    }

    public String name() {
        return name;
    }

    public String arn() {
        return arn;
    }

    /** The stream id DescribeStreamSummary reports. */
    public String streamId() {
        return streamId;
    }

    public Instant creationTime() {
        return creationTime;
    }

    /** The shards in shard id order. */
    public List<InMemoryShard> shards() {
        return shards;
    }

    public Optional<InMemoryShard> shard(String shardId) {
        int index = shardIndex(shardId);
        return index < 0 ? Optional.empty() : Optional.of(shards.get(index));
    }

    /** The shard a record with this partition key goes to. */
    public InMemoryShard shardForPartitionKey(String partitionKey) {
        return shardForHashKey(HashKeys.ofPartitionKey(partitionKey));
    }

    /**
     * Appends a record arriving now to the shard its partition key maps to, as PutRecord would, without the HTTP
     * round trip; returns its sequence number.
     */
    public String put(String partitionKey, byte[] data) {
        return shardForPartitionKey(partitionKey).append(data, partitionKey);
    }

    /**
     * Appends {@code recordsPerShard} records to every shard, all arriving now, so MillisBehindLatest stays 0 while
     * they are read.
     */
    public void preload(long recordsPerShard, RecordPayloadGenerator payloads) {
        preload(recordsPerShard, payloads, Duration.ZERO);
    }

    /**
     * Appends {@code recordsPerShard} records to every shard with arrival times spread evenly over the last
     * {@code backlogAge}, as if a producer had been writing for that long: readers then see MillisBehindLatest fall
     * from about {@code backlogAge} to 0 as they drain the backlog.
     */
    public void preload(long recordsPerShard, RecordPayloadGenerator payloads, Duration backlogAge) {
        if (recordsPerShard < 0 || backlogAge.isNegative()) {
            throw new IllegalArgumentException("Negative record count or backlog age");
        }
        long end = System.currentTimeMillis();
        long span = backlogAge.toMillis();
        for (InMemoryShard shard : shards) {
            long first = shard.recordCount();
            shard.log().appendAll(recordsPerShard, new ShardRecordLog.RecordSource() {
                @Override
                public byte[] data(long index) {
                    return payloads.payload(shard.index(), index);
                }

                @Override
                public String partitionKey(long index) {
                    return shard.partitionKey();
                }

                @Override
                public long arrivalMillis(long index) {
                    long position = index - first;
                    return recordsPerShard <= 1 ? end : end - span + span * position / (recordsPerShard - 1);
                }
            });
        }
    }

    /** The shard owning a hash key; explicit hash keys outside the key space are rejected. */
    InMemoryShard shardForHashKey(BigInteger hashKey) {
        if (hashKey.signum() < 0 || hashKey.compareTo(HashKeys.KEY_SPACE) >= 0) {
            throw KinesisServiceError.invalidArgument("Hash key " + hashKey + " is outside the range [0, 2^128)");
        }
        // Even ranges: the quotient lands on the owning shard or, by rounding, one of its neighbours.
        int guess = hashKey.multiply(BigInteger.valueOf(shards.size())).divide(HashKeys.KEY_SPACE).intValue();
        for (int i = Math.max(0, guess - 1); i <= Math.min(shards.size() - 1, guess + 1); i++) {
            if (shards.get(i).owns(hashKey)) {
                return shards.get(i);
            }
        }
        throw new IllegalStateException("No shard of " + name + " owns hash key " + hashKey);
    }

    /** The index of a shard id of this stream, or -1. */
    int shardIndex(String shardId) {
        if (shardId == null || !shardId.startsWith("shardId-") || shardId.length() != "shardId-".length() + 12) {
            return -1;
        }
        int index;
        try {
            index = Integer.parseInt(shardId.substring("shardId-".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
        return index >= 0 && index < shards.size() ? index : -1;
    }

    /** Counts a ListShards call against the stream's limit; false if it is over it. */
    boolean tryListShards(long nowNanos) {
        return listShardsCalls.tryCall(nowNanos);
    }

    /**
     * Forgets when each shard was first read and when its end was served, so that the next reader of this stream is
     * timed from scratch (see {@link InMemoryShard#firstReadNanos()}).
     */
    public void forgetReads() {
        shards.forEach(shard -> shard.meter().forget());
    }
}
