package org.apache.spark.streaming.kinesis.internal.kcl;

/**
 * How much a shard's first read may bring, so that every shard of a receiver can start reading within the receiver's
 * budget at the same time: at most a fair share of the budget, {@link #ANSWERS_PER_SHARD} answers per shard (one being
 * stored, the next being fetched), expressed to Kinesis as a record count from the receiver's average record size.
 * Not thread-safe: the {@link ReceiverPrefetchBudget} calls it holding its lock.
 *
 * <p>Without the share, a shard reserves the largest answer Kinesis may return before its first read (10 MiB): a
 * 256 MiB budget then admits about 20 shards that are behind, and the others wait for their first read until those
 * batches are stored (one receiver of 64 shards: 13.6 s between the first and the last shard's first read, 15 shards
 * not read within 30 s). With it, the 128 shards' first reads all fit at once, each asking for about 1 MiB (a single
 * record before the receiver knows its records' size). Only first reads are cut: Spark's cost is per block, and (when each answer was
 * a block of its own) reads cut for good, blocks six times smaller, drained 64 shards at 9,000 records/s against 57,000 with full answers.
 * A receiver with at most {@code budget / (2 × 10 MiB)} shards (12 at the default budget) is never cut.
 */
final class ShardReadSize {

    /** Answers of each shard the budget should hold at once: the one being stored and the next one. */
    static final int ANSWERS_PER_SHARD = 2;

    /**
     * What a record is assumed to cost before the receiver has seen any: the largest record Kinesis accepts by default
     * (1 MiB), so that the first reads of a receiver holding many shards ask for a single record each and stay within
     * the budget whatever the records; the estimate follows the real answers after that.
     */
    static final long INITIAL_RECORD_BYTES = 1024 * 1024 + ReceiverPrefetchBudget.RECORD_OVERHEAD_BYTES;

    /** No record limit beyond the KCL's {@code maxRecords}. */
    static final int UNLIMITED = Integer.MAX_VALUE;

    /** Weight of a new answer's average in the receiver's running average record size. */
    private static final double NEW_ANSWER_WEIGHT = 0.25;

    private final long budgetBytes;
    private double recordBytes = INITIAL_RECORD_BYTES;
    private boolean recordBytesSeen;

    ShardReadSize(long budgetBytes) {
        this.budgetBytes = budgetBytes;
    }

    /** A shard's share of the budget when the receiver holds {@code shards} shards. */
    long shareBytes(int shards) {
        return budgetBytes / ((long) ANSWERS_PER_SHARD * Math.max(1, shards));
    }

    /**
     * What a read estimated at {@code estimateBytes} reserves: the estimate while a shard's share has room for the
     * largest answer Kinesis returns; otherwise the share (at least one record), whatever the estimate, since the
     * read then asks for {@link #recordLimit} records and may bring that much even after small answers.
     */
    long reservation(long estimateBytes, int shards) {
        return unlimited(shards) ? estimateBytes : capBytes(shards);
    }

    /**
     * The records a read may ask for: {@link #UNLIMITED} (the KCL's {@code maxRecords}) while a shard's share has
     * room for the largest answer, otherwise as many records of the receiver's average size as the share holds.
     */
    int recordLimit(int shards) {
        if (unlimited(shards)) {
            return UNLIMITED;
        }
        return (int) Math.max(1, Math.min(UNLIMITED, (long) (capBytes(shards) / recordBytes)));
    }

    private boolean unlimited(int shards) {
        return shareBytes(shards) >= ReceiverPrefetchBudget.MAX_ANSWER_BYTES;
    }

    /** The most a cut read may bring: the share, or one record if that is larger. */
    private long capBytes(int shards) {
        return Math.max(shareBytes(shards), Math.round(recordBytes));
    }

    /** An answer of {@code records} records counting {@code bytes}: the average record size follows it. */
    void answered(long bytes, int records) {
        if (records <= 0) {
            return;
        }
        double average = (double) bytes / records;
        recordBytes = recordBytesSeen ? recordBytes + NEW_ANSWER_WEIGHT * (average - recordBytes) : average;
        recordBytesSeen = true;
    }

    /** The receiver's running average of what a record counts, for tests and logs. */
    long recordBytes() {
        return Math.round(recordBytes);
    }
}
