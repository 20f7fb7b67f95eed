package io.github.sparkkinesis.sql.internal.offsets;

import java.io.Serializable;
import java.util.Objects;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.read.StartingPoint;

/**
 * Where a shard stands in an offset: what to read next (after a user record, or from the shard's start for a shard
 * nothing has been read of yet), or that the shard is closed and every record of it has been read.
 */
public final class ShardPosition implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final ShardPosition ENDED = new ShardPosition(null);

    /** Null when ended. */
    private final StartingPoint next;

    private ShardPosition(StartingPoint next) {
        this.next = next;
    }

    /** Nothing read yet: start at {@code start} (the shard's trim horizon, or a timestamp). */
    public static ShardPosition startingAt(StartingPoint start) {
        if (start.kind() == StartingPoint.Kind.LATEST || start.kind() == StartingPoint.Kind.AT_SEQUENCE_NUMBER) {
            // LATEST moves on its own, so a batch read again would not read the same records.
            throw new IllegalArgumentException("A shard position cannot start " + start);
        }
        return new ShardPosition(start);
    }

    /** Everything up to and including {@code position} has been read. */
    public static ShardPosition after(RecordPosition position) {
        return new ShardPosition(StartingPoint.after(position));
    }

    public static ShardPosition ended() {
        return ENDED;
    }

    public boolean isEnded() {
        return next == null;
    }

    /** Whether nothing of the shard has been read yet. */
    public boolean isAtStart() {
        return next != null && next.kind() != StartingPoint.Kind.AFTER_POSITION;
    }

    /** Where to read on. Not for an ended shard. */
    public StartingPoint next() {
        if (next == null) {
            throw new IllegalStateException("The shard has ended");
        }
        return next;
    }

    /** The last user record read, if any. */
    public RecordPosition lastRead() {
        return next != null && next.kind() == StartingPoint.Kind.AFTER_POSITION ? next.position() : null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ShardPosition that && Objects.equals(next, that.next);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(next);
    }

    @Override
    public String toString() {
        return next == null ? "ended" : next.toString();
    }
}
