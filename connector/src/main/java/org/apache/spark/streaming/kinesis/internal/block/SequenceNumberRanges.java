package org.apache.spark.streaming.kinesis.internal.block;

import java.io.Serializable;
import java.util.ArrayList;
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
 *
 * <p>A receiver may hand Spark the blocks of several shards as one (see {@link #combine}): such a block keeps each
 * shard block's metadata as a <em>part</em>, so that tenures and lags stay per shard.
 */
public final class SequenceNumberRanges implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final long UNKNOWN = -1;

    private final List<SequenceNumberRange> ranges;
    // A long, not an OptionalLong: block metadata is serialized.
    private final long millisBehindLatest;
    /** Null for blocks not stored by a receiver (tests, recovered batches). */
    private final String tenureId;
    /** The single-tenure blocks a combined block was made of, in order; null for a block that is not combined. */
    private final List<SequenceNumberRanges> parts;

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
        this.parts = null;
    }

    private SequenceNumberRanges(List<SequenceNumberRange> ranges, List<SequenceNumberRanges> parts) {
        this.ranges = List.copyOf(ranges);
        this.millisBehindLatest = UNKNOWN;
        this.tenureId = null;
        this.parts = List.copyOf(parts);
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

    /**
     * One block made of {@code blocks} (their values concatenated in this order): its ranges are theirs in order, and
     * its parts are theirs. A single block is returned as it is.
     */
    public static SequenceNumberRanges combine(List<SequenceNumberRanges> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("A block holds at least one range");
        }
        if (blocks.size() == 1) {
            return blocks.get(0);
        }
        List<SequenceNumberRange> ranges = new ArrayList<>();
        List<SequenceNumberRanges> parts = new ArrayList<>();
        for (SequenceNumberRanges block : blocks) {
            ranges.addAll(block.ranges);
            parts.addAll(block.parts());
        }
        return new SequenceNumberRanges(ranges, parts);
    }

    /**
     * The blocks of one shard tenure and lag this block is made of: itself, unless it {@linkplain #combine combines}
     * several. Whoever reads tenures or lags reads them per part.
     */
    public List<SequenceNumberRanges> parts() {
        return parts == null ? List.of(this) : parts;
    }

    public List<SequenceNumberRange> ranges() {
        return ranges;
    }

    /**
     * How far the block's last record was behind the newest record of its shard when read, if Kinesis said (a
     * combined block has none of its own: see its {@link #parts()}).
     */
    public OptionalLong millisBehindLatest() {
        return millisBehindLatest == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(millisBehindLatest);
    }

    /**
     * The shard tenure of the receiver that stored the block, if a receiver did (a combined block has none of its
     * own: see its {@link #parts()}).
     */
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
                && millisBehindLatest == that.millisBehindLatest && Objects.equals(tenureId, that.tenureId)
                && Objects.equals(parts, that.parts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ranges, millisBehindLatest, tenureId, parts);
    }

    @Override
    public String toString() {
        if (parts != null) {
            return "SequenceNumberRanges combined of " + parts;
        }
        return "SequenceNumberRanges" + ranges
                + (millisBehindLatest == UNKNOWN ? "" : ", " + millisBehindLatest + " ms behind latest")
                + (tenureId == null ? "" : ", tenure " + tenureId);
    }
}
