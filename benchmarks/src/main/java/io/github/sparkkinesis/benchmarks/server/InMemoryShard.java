package io.github.sparkkinesis.benchmarks.server;

import java.math.BigInteger;

/**
 * One open shard of an {@link InMemoryStream}: its id, its hash key range and its records. Shards are never split,
 * merged, closed or trimmed.
 */
public final class InMemoryShard {

    private final int index;
    private final String shardId;
    private final BigInteger startingHashKey;
    private final BigInteger endingHashKey;
    private final String partitionKey;
    private final ShardRecordLog log = new ShardRecordLog();
    private final ShardReadMeter meter;

    InMemoryShard(int index, int shardCount, ThroughputLimits limits) {
        this.meter = new ShardReadMeter(limits);
        this.index = index;
        this.shardId = String.format("shardId-%012d", index);
        this.startingHashKey = HashKeys.rangeStart(index, shardCount);
        this.endingHashKey = HashKeys.rangeEnd(index, shardCount);
        this.partitionKey = HashKeys.partitionKeyWithin(startingHashKey, endingHashKey, "pk-" + index + "-");
    }

    /** The position of the shard in its stream, 0-based. */
    public int index() {
        return index;
    }

    /** The shard id, {@code shardId-} and the index in 12 digits, like real Kinesis. */
    public String shardId() {
        return shardId;
    }

    public BigInteger startingHashKey() {
        return startingHashKey;
    }

    public BigInteger endingHashKey() {
        return endingHashKey;
    }

    /** A partition key that hashes into this shard; preloaded records carry it. */
    public String partitionKey() {
        return partitionKey;
    }

    /** How many records the shard holds now. */
    public long recordCount() {
        return log.size();
    }

    /** The sequence number of the record at the given index of this shard. */
    public String sequenceNumber(long recordIndex) {
        return SequenceNumbers.format(index, recordIndex);
    }

    /**
     * Appends a record arriving now and returns its sequence number. The partition key is stored as given; a
     * producer's key would have sent it to {@link InMemoryStream#shardForPartitionKey}.
     */
    public String append(byte[] data, String recordPartitionKey) {
        return sequenceNumber(log.append(data, recordPartitionKey, System.currentTimeMillis()));
    }

    boolean owns(BigInteger hashKey) {
        return hashKey.compareTo(startingHashKey) >= 0 && hashKey.compareTo(endingHashKey) <= 0;
    }

    /**
     * The {@link System#nanoTime()} of the first GetRecords call this shard served, or -1 if none: when a reader
     * started reading it.
     */
    public long firstReadNanos() {
        return meter.firstReadNanos();
    }

    /**
     * The {@link System#nanoTime()} of the first GetRecords answer that served this shard's newest record, or -1:
     * when a reader reached the end of a preloaded backlog.
     */
    public long endServedNanos() {
        return meter.endServedNanos();
    }

    ShardReadMeter meter() {
        return meter;
    }

    ShardRecordLog log() {
        return log;
    }
}
