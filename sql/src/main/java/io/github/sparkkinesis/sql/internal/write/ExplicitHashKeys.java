package io.github.sparkkinesis.sql.internal.write;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Kinesis' hash keys: a record goes to the shard whose range holds its explicit hash key, or else the MD5 of its
 * partition key read as an unsigned 128-bit number.
 */
final class ExplicitHashKeys {

    static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private ExplicitHashKeys() {
    }

    /** @throws IllegalArgumentException unless {@code value} is a decimal number from 0 to 2^128 - 1 */
    static BigInteger check(String value) {
        BigInteger key = null;
        if (value.chars().allMatch(Character::isDigit) && !value.isEmpty() && value.length() <= 39) {
            key = new BigInteger(value);
        }
        if (key == null || key.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("A row has the explicitHashKey '" + value + "', which is no hash key: "
                    + "Kinesis takes a decimal number from 0 to 2^128 - 1 (the range of the shard to write to)");
        }
        return key;
    }

    /** The hash key a record with this partition key and explicit hash key (null: none) goes to. */
    static BigInteger effective(String partitionKey, String explicitHashKey) {
        if (explicitHashKey != null) {
            return new BigInteger(explicitHashKey);
        }
        try {
            return new BigInteger(1, MessageDigest.getInstance("MD5")
                    .digest(partitionKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required to place Kinesis records", e);
        }
    }
}
