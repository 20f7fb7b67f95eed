package org.apache.spark.streaming.kinesis.internal.read;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;

/** Where a pass over a shard starts. Immutable and serializable, so a driver can hand it to a task. */
public final class StartingPoint implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The kinds of starting points Kinesis shard iterators know, plus "after a user record". */
    public enum Kind {
        /** At a Kinesis record (all its user records, if it is an aggregate). */
        AT_SEQUENCE_NUMBER,
        /** Right after one user record: the rest of its aggregate, then the records after it. */
        AFTER_POSITION,
        /** The oldest record the shard still holds. */
        TRIM_HORIZON,
        /** The first record put after the iterator was made. */
        LATEST,
        /** The first record that arrived at or after a time. */
        AT_TIMESTAMP
    }

    private final Kind kind;
    private final RecordPosition position;
    private final String sequenceNumber;
    private final Instant timestamp;

    private StartingPoint(Kind kind, RecordPosition position, String sequenceNumber, Instant timestamp) {
        this.kind = kind;
        this.position = position;
        this.sequenceNumber = sequenceNumber;
        this.timestamp = timestamp;
    }

    public static StartingPoint atSequenceNumber(String sequenceNumber) {
        return new StartingPoint(Kind.AT_SEQUENCE_NUMBER, null, Objects.requireNonNull(sequenceNumber), null);
    }

    public static StartingPoint after(RecordPosition position) {
        return new StartingPoint(Kind.AFTER_POSITION, Objects.requireNonNull(position), position.sequenceNumber(),
                null);
    }

    public static StartingPoint trimHorizon() {
        return new StartingPoint(Kind.TRIM_HORIZON, null, null, null);
    }

    public static StartingPoint latest() {
        return new StartingPoint(Kind.LATEST, null, null, null);
    }

    public static StartingPoint atTimestamp(Instant timestamp) {
        return new StartingPoint(Kind.AT_TIMESTAMP, null, null, Objects.requireNonNull(timestamp));
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#AFTER_POSITION}: the last user record not to read. */
    public RecordPosition position() {
        return position;
    }

    /** For {@link Kind#AT_SEQUENCE_NUMBER} and {@link Kind#AFTER_POSITION}: the Kinesis record to start at. */
    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** For {@link Kind#AT_TIMESTAMP}. */
    public Instant timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StartingPoint that && kind == that.kind && Objects.equals(position, that.position)
                && Objects.equals(sequenceNumber, that.sequenceNumber) && Objects.equals(timestamp, that.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, position, sequenceNumber, timestamp);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AT_SEQUENCE_NUMBER -> "at " + sequenceNumber;
            case AFTER_POSITION -> "after " + position;
            case TRIM_HORIZON -> "TRIM_HORIZON";
            case LATEST -> "LATEST";
            case AT_TIMESTAMP -> "at " + timestamp;
        };
    }
}
