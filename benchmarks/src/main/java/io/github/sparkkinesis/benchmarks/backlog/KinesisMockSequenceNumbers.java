package io.github.sparkkinesis.benchmarks.backlog;

import java.math.BigInteger;
import java.time.Instant;

/**
 * Sequence numbers laid out as kinesis-mock lays them out. kinesis-mock parses them back (GetShardIterator with
 * AT_ or AFTER_SEQUENCE_NUMBER, which is how the KCL resumes from a checkpoint, rejects numbers it cannot
 * parse), and numbers a shard's next put record from the count of records the shard holds, so a backlog numbered
 * any other way would collide with records put after loading it.
 */
final class KinesisMockSequenceNumbers {

    private static final int SECONDS_DIGITS = 9;
    private static final int RECORD_INDEX_DIGITS = 16;
    private static final int SHARD_INDEX_DIGITS = 8;

    private KinesisMockSequenceNumbers() {
    }

    /**
     * The sequence number of a shard's record, from 1 for the first record; 0 gives the shard's starting sequence
     * number. The record index sits above the arrival time, so numbers grow with the index whatever the times.
     */
    static String of(Instant shardCreation, int shardIndex, long recordIndex, Instant arrival) {
        String shardHex = Integer.toHexString(shardIndex);
        String hex = "2"
                + lastDigits(Long.toHexString(shardCreation.getEpochSecond()), SECONDS_DIGITS)
                + shardHex.charAt(shardHex.length() - 1)
                + lastDigits(Long.toHexString(recordIndex), RECORD_INDEX_DIGITS)
                + "00"
                + lastDigits(Long.toHexString(arrival.getEpochSecond()), SECONDS_DIGITS)
                + lastDigits(shardHex, SHARD_INDEX_DIGITS)
                + "2";
        return new BigInteger(hex, 16).toString();
    }

    /** The last {@code digits} characters of {@code hex}, zero-padded on the left. */
    private static String lastDigits(String hex, int digits) {
        if (hex.length() >= digits) {
            return hex.substring(hex.length() - digits);
        }
        return "0".repeat(digits - hex.length()) + hex;
    }
}
