package org.apache.spark.streaming.kinesis.internal.block;

import java.io.Serializable;
import java.util.List;

/**
 * The metadata stored with every block a Kinesis receiver hands to Spark: the shard ranges whose records the
 * block holds, in order. The driver keeps it with the block (and in the write-ahead log when enabled).
 */
public final class SequenceNumberRanges implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<SequenceNumberRange> ranges;

    public SequenceNumberRanges(List<SequenceNumberRange> ranges) {
        if (ranges == null || ranges.isEmpty()) {
            throw new IllegalArgumentException("A block holds at least one range");
        }
        this.ranges = List.copyOf(ranges);
    }

    public static SequenceNumberRanges of(SequenceNumberRange range) {
        return new SequenceNumberRanges(List.of(range));
    }

    public List<SequenceNumberRange> ranges() {
        return ranges;
    }

    public int recordCount() {
        return ranges.stream().mapToInt(SequenceNumberRange::recordCount).sum();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SequenceNumberRanges that && ranges.equals(that.ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    @Override
    public String toString() {
        return "SequenceNumberRanges" + ranges;
    }
}
