package io.github.sparkkinesis.benchmarks.server;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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

    static BigInteger ofPartitionKey(String partitionKey) {
        return new BigInteger(1, md5().digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
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

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform must provide MD5", e);
        }
    }
}
