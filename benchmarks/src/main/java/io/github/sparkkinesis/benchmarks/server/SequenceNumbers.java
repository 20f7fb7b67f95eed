package io.github.sparkkinesis.benchmarks.server;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.util.Arrays;

/**
 * The sequence numbers of the fast server: 56 decimal digits like real Kinesis ones, "49", the shard index in six
 * digits, then the record's index in the shard in 48 digits. Every number has the same length and no leading zero,
 * so within a shard string order, numeric order and record order agree, which is what consumers rely on.
 */
final class SequenceNumbers {

    static final int LENGTH = 56;
    static final int MAX_SHARDS = 1_000_000;

    private static final String PREFIX = "49";
    private static final int SHARD_DIGITS = 6;
    private static final int INDEX_OFFSET = PREFIX.length() + SHARD_DIGITS;

    private SequenceNumbers() {
    }

    static String format(int shardIndex, long recordIndex) {
        char[] digits = template(shardIndex);
        fill(digits, recordIndex);
        return new String(digits);
    }

    /** A buffer holding the sequence number of record 0 of the shard; {@link #fill} rewrites its record part. */
    static char[] template(int shardIndex) {
        if (shardIndex < 0 || shardIndex >= MAX_SHARDS) {
            throw new IllegalArgumentException("Shard index out of range: " + shardIndex);
        }
        char[] digits = new char[LENGTH];
        Arrays.fill(digits, '0');
        PREFIX.getChars(0, PREFIX.length(), digits, 0);
        for (int i = INDEX_OFFSET - 1, rest = shardIndex; rest > 0; i--, rest /= 10) {
            digits[i] = (char) ('0' + rest % 10);
        }
        return digits;
    }

    /** Writes the record index into a {@link #template}, so a response can emit thousands without garbage. */
    static void fill(char[] template, long recordIndex) {
        long rest = recordIndex;
        // A long has at most 19 digits; the higher ones stay '0' from the template.
        for (int i = LENGTH - 1; i >= LENGTH - 19; i--) {
            template[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
    }

    /**
     * The record index a sequence number of the given shard stands for.
     *
     * @throws KinesisServiceError InvalidArgumentException if it is not a sequence number this server gave that shard
     */
    static long recordIndex(String sequenceNumber, int shardIndex, String shardId) {
        if (sequenceNumber == null || sequenceNumber.length() != LENGTH || !sequenceNumber.startsWith(PREFIX)) {
            throw invalid(sequenceNumber, shardId);
        }
        int shard = 0;
        for (int i = PREFIX.length(); i < INDEX_OFFSET; i++) {
            shard = shard * 10 + digit(sequenceNumber, i, shardId);
        }
        if (shard != shardIndex) {
            throw invalid(sequenceNumber, shardId);
        }
        for (int i = INDEX_OFFSET; i < LENGTH - 19; i++) {
            if (sequenceNumber.charAt(i) != '0') {
                throw invalid(sequenceNumber, shardId);
            }
        }
        long index = 0;
        for (int i = LENGTH - 19; i < LENGTH; i++) {
            index = index * 10 + digit(sequenceNumber, i, shardId);
            if (index < 0) {
                throw invalid(sequenceNumber, shardId);
            }
        }
        return index;
    }

    private static int digit(String sequenceNumber, int position, String shardId) {
        char c = sequenceNumber.charAt(position);
        if (c < '0' || c > '9') {
            throw invalid(sequenceNumber, shardId);
        }
        return c - '0';
    }

    private static KinesisServiceError invalid(String sequenceNumber, String shardId) {
        return KinesisServiceError.invalidArgument("StartingSequenceNumber " + sequenceNumber + " used in GetShardIterator on "
                + "shard " + shardId + " is invalid because it did not come from this shard.");
    }
}
