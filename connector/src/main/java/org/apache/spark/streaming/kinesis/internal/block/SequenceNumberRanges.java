package org.apache.spark.streaming.kinesis.internal.block;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The metadata stored with every block a Kinesis receiver hands to Spark: the shard ranges whose records the
 * block holds, in order, and how far behind the newest record of the shard they were when read (Kinesis reports
 * this with every GetRecords answer). The driver keeps it with the block (and in the write-ahead log when enabled).
 *
 * <p>A block stored by a receiver also names its <em>shard tenure</em>: one receiver's uninterrupted ownership of
 * the shard, whose blocks follow each other without gaps from the checkpoint it started at. The driver tells the
 * receiver, per tenure, how far its blocks are in completed batches, and that is as far as the receiver may
 * checkpoint.
 */
public final class SequenceNumberRanges implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final long UNKNOWN = -1;

    private final List<SequenceNumberRange> ranges;
    // A long, not an OptionalLong: block metadata is serialized.
    private final long millisBehindLatest;
    /** Null for blocks not stored by a receiver (tests, recovered batches). */
    private final String tenureId;

    public SequenceNumberRanges(List<SequenceNumberRange> ranges) {
        this(ranges, UNKNOWN, null);
    }

    private SequenceNumberRanges(List<SequenceNumberRange> ranges, long millisBehindLatest, String tenureId) {
        if (ranges == null || ranges.isEmpty()) {
            throw new IllegalArgumentException("A block holds at least one range");
        }
        this.ranges = List.copyOf(ranges);
        this.millisBehindLatest = millisBehindLatest < 0 ? UNKNOWN : millisBehindLatest;
        this.tenureId = tenureId;
    }

    public static SequenceNumberRanges of(SequenceNumberRange range) {
        return new SequenceNumberRanges(List.of(range));
    }

    /**
     * A block of one range, read when its shard was {@code millisBehindLatest} behind its newest record (null:
     * not reported).
     */
    public static SequenceNumberRanges of(SequenceNumberRange range, Long millisBehindLatest) {
        return new SequenceNumberRanges(List.of(range), millisBehindLatest == null ? UNKNOWN : millisBehindLatest,
                null);
    }

    /** A block of one range stored by a receiver during the shard tenure {@code tenureId}. */
    public static SequenceNumberRanges stored(SequenceNumberRange range, Long millisBehindLatest, String tenureId) {
        return new SequenceNumberRanges(List.of(range), millisBehindLatest == null ? UNKNOWN : millisBehindLatest,
                Objects.requireNonNull(tenureId, "tenureId"));
    }

    public List<SequenceNumberRange> ranges() {
        return ranges;
    }

    /** How far the block's last record was behind the newest record of its shard when read, if Kinesis said. */
    public OptionalLong millisBehindLatest() {
        return millisBehindLatest == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(millisBehindLatest);
    }

    /** The shard tenure of the receiver that stored the block, if a receiver did. */
    public Optional<String> tenureId() {
        return Optional.ofNullable(tenureId);
    }

    /** The position of the block's last record (that of its last range). */
    public RecordPosition last() {
        return ranges.get(ranges.size() - 1).last();
    }

    public int recordCount() {
        return ranges.stream().mapToInt(SequenceNumberRange::recordCount).sum();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SequenceNumberRanges that && ranges.equals(that.ranges)
                && millisBehindLatest == that.millisBehindLatest && Objects.equals(tenureId, that.tenureId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ranges, millisBehindLatest, tenureId);
    }

    @Override
    public String toString() {
        return "SequenceNumberRanges" + ranges
                + (millisBehindLatest == UNKNOWN ? "" : ", " + millisBehindLatest + " ms behind latest")
                + (tenureId == null ? "" : ", tenure " + tenureId);
    }
}
