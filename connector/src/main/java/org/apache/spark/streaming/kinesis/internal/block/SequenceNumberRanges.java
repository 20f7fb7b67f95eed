package org.apache.spark.streaming.kinesis.internal.block;

import java.io.Serializable;
import java.util.List;
import java.util.OptionalLong;

/**
 * The metadata stored with every block a Kinesis receiver hands to Spark: the shard ranges whose records the
 * block holds, in order, and how far behind the newest record of the shard they were when read (Kinesis reports
 * this with every GetRecords answer). The driver keeps it with the block (and in the write-ahead log when enabled).
 */
public final class SequenceNumberRanges implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final long UNKNOWN = -1;

    private final List<SequenceNumberRange> ranges;
    // A long, not an OptionalLong: block metadata is serialized.
    private final long millisBehindLatest;

    public SequenceNumberRanges(List<SequenceNumberRange> ranges) {
        this(ranges, UNKNOWN);
    }

    private SequenceNumberRanges(List<SequenceNumberRange> ranges, long millisBehindLatest) {
        if (ranges == null || ranges.isEmpty()) {
            throw new IllegalArgumentException("A block holds at least one range");
        }
        this.ranges = List.copyOf(ranges);
        this.millisBehindLatest = millisBehindLatest < 0 ? UNKNOWN : millisBehindLatest;
    }

    public static SequenceNumberRanges of(SequenceNumberRange range) {
        return new SequenceNumberRanges(List.of(range));
    }

    /**
     * A block of one range, read when its shard was {@code millisBehindLatest} behind its newest record (null:
     * not reported).
     */
    public static SequenceNumberRanges of(SequenceNumberRange range, Long millisBehindLatest) {
        return new SequenceNumberRanges(List.of(range), millisBehindLatest == null ? UNKNOWN : millisBehindLatest);
    }

    public List<SequenceNumberRange> ranges() {
        return ranges;
    }

    /** How far the block's last record was behind the newest record of its shard when read, if Kinesis said. */
    public OptionalLong millisBehindLatest() {
        return millisBehindLatest == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(millisBehindLatest);
    }

    public int recordCount() {
        return ranges.stream().mapToInt(SequenceNumberRange::recordCount).sum();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SequenceNumberRanges that && ranges.equals(that.ranges)
                && millisBehindLatest == that.millisBehindLatest;
    }

    @Override
    public int hashCode() {
        return 31 * ranges.hashCode() + Long.hashCode(millisBehindLatest);
    }

    @Override
    public String toString() {
        return "SequenceNumberRanges" + ranges
                + (millisBehindLatest == UNKNOWN ? "" : ", " + millisBehindLatest + " ms behind latest");
    }
}
