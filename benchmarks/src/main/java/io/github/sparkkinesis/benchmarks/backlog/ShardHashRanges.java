package io.github.sparkkinesis.benchmarks.backlog;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The hash key ranges of a new stream's shards, split the way kinesis-mock's CreateStream splits them (each shard
 * gets {@code 2^128-1 / shardCount} keys, the last one also the remainder), and the shard a partition key maps to
 * (the MD5 of its UTF-8 bytes, as an unsigned 128-bit number, as Kinesis does).
 */
public final class ShardHashRanges {

    /** The largest hash key, 2^128 - 1. */
    public static final BigInteger MAX_HASH_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private final BigInteger[] startingHashKeys;
    private final BigInteger[] endingHashKeys;

    private ShardHashRanges(int shardCount) {
        if (shardCount < 1) {
            throw new IllegalArgumentException("A stream has at least one shard, not " + shardCount);
        }
        BigInteger width = MAX_HASH_KEY.divide(BigInteger.valueOf(shardCount));
        startingHashKeys = new BigInteger[shardCount];
        endingHashKeys = new BigInteger[shardCount];
        for (int shard = 0; shard < shardCount; shard++) {
            startingHashKeys[shard] = width.multiply(BigInteger.valueOf(shard));
            endingHashKeys[shard] = shard == shardCount - 1
                    ? MAX_HASH_KEY
                    : width.multiply(BigInteger.valueOf(shard + 1L)).subtract(BigInteger.ONE);
        }
    }

    /** The ranges of a stream created with {@code shardCount} shards. */
    public static ShardHashRanges evenlySplit(int shardCount) {
        return new ShardHashRanges(shardCount);
    }

    public int shardCount() {
        return startingHashKeys.length;
    }

    public BigInteger startingHashKey(int shardIndex) {
        return startingHashKeys[shardIndex];
    }

    public BigInteger endingHashKey(int shardIndex) {
        return endingHashKeys[shardIndex];
    }

    /** The index of the shard whose range holds the partition key's hash. */
    public int shardOf(String partitionKey) {
        BigInteger hash = hashKey(partitionKey);
        for (int shard = 0; shard < endingHashKeys.length; shard++) {
            if (hash.compareTo(endingHashKeys[shard]) <= 0) {
                return shard;
            }
        }
        throw new IllegalStateException("Hash key above 2^128-1: " + hash);
    }

    /**
     * The first {@code count} keys of the form {@code prefix + n} (n = 0, 1, ...) that map to the shard: a pool of
     * distinct keys for records that must land in it.
     */
    public List<String> partitionKeys(int shardIndex, String prefix, int count) {
        List<String> keys = new ArrayList<>(count);
        for (long n = 0; keys.size() < count; n++) {
            String key = prefix + n;
            if (shardOf(key) == shardIndex) {
                keys.add(key);
            }
        }
        return keys;
    }

    /** The 128-bit hash key Kinesis derives from a partition key. */
    public static BigInteger hashKey(String partitionKey) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has MD5", e);
        }
    }
}
