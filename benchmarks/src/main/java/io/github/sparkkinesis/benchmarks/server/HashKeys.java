package io.github.sparkkinesis.benchmarks.server;

import io.github.sparkkinesis.benchmarks.backlog.ShardHashRanges;
import java.math.BigInteger;

/**
 * Kinesis' mapping of records to shards: a record's hash key is the MD5 of its partition key read as an unsigned
 * 128-bit integer (or its explicit hash key), and each shard owns a contiguous range of that space.
 */
final class HashKeys {

    /** One past the largest hash key, 2^128. */
    static final BigInteger KEY_SPACE = BigInteger.ONE.shiftLeft(128);

    private HashKeys() {
    }

    /** The first hash key of shard {@code index} when {@code count} shards split the key space evenly. */
    static BigInteger rangeStart(int index, int count) {
        return KEY_SPACE.multiply(BigInteger.valueOf(index)).divide(BigInteger.valueOf(count));
    }

    /** The last hash key (inclusive) of shard {@code index} when {@code count} shards split the space evenly. */
    static BigInteger rangeEnd(int index, int count) {
        return rangeStart(index + 1, count).subtract(BigInteger.ONE);
    }

    /** The hash key Kinesis derives from a partition key (one implementation for the server and the backlogs). */
    static BigInteger ofPartitionKey(String partitionKey) {
        return ShardHashRanges.hashKey(partitionKey);
    }

    /**
     * A partition key whose hash falls in the given range, so that records preloaded into a shard carry a key a
     * producer would have had to use to put them there.
     */
    static String partitionKeyWithin(BigInteger start, BigInteger end, String prefix) {
        // Each try lands in the range with probability (range / key space); for N even shards about N tries.
        for (long attempt = 0; ; attempt++) {
            String candidate = prefix + attempt;
            BigInteger hash = ofPartitionKey(candidate);
            if (hash.compareTo(start) >= 0 && hash.compareTo(end) <= 0) {
                return candidate;
            }
        }
    }
}
