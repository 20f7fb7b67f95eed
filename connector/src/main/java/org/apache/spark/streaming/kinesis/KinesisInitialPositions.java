package org.apache.spark.streaming.kinesis;

import java.util.Date;
import java.util.Objects;
import software.amazon.kinesis.common.InitialPositionInStream;

/**
 * The initial positions a Kinesis DStream can start from when a shard has no checkpoint:
 *
 * <pre>{@code
 * new KinesisInitialPositions.Latest()        // only records put after the stream starts (the default)
 * new KinesisInitialPositions.TrimHorizon()   // the oldest record still retained
 * new KinesisInitialPositions.AtTimestamp(Date.from(Instant.parse("2026-11-25T10:00:00Z")))
 * }</pre>
 *
 * Each is an immutable, serializable value with value equality.
 */
public final class KinesisInitialPositions {

    private KinesisInitialPositions() {
    }

    /** Start after the most recent record: only data put after the consumer starts is read. */
    public static final class Latest implements KinesisInitialPosition {
        private static final long serialVersionUID = 1L;

        @Override
        public InitialPositionInStream getPosition() {
            return InitialPositionInStream.LATEST;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Latest;
        }

        @Override
        public int hashCode() {
            return Latest.class.hashCode();
        }

        @Override
        public String toString() {
            return "Latest";
        }
    }

    /** Start at the oldest record still in the stream (within its retention period). */
    public static final class TrimHorizon implements KinesisInitialPosition {
        private static final long serialVersionUID = 1L;

        @Override
        public InitialPositionInStream getPosition() {
            return InitialPositionInStream.TRIM_HORIZON;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TrimHorizon;
        }

        @Override
        public int hashCode() {
            return TrimHorizon.class.hashCode();
        }

        @Override
        public String toString() {
            return "TrimHorizon";
        }
    }

    /** Start at the first record whose arrival time is at or after the given timestamp. */
    public static final class AtTimestamp implements KinesisInitialPosition {
        private static final long serialVersionUID = 1L;

        private final long timestampMillis;

        /**
         * @param timestamp the arrival time to start at; must not be null
         * @throws IllegalArgumentException if {@code timestamp} is null
         */
        public AtTimestamp(Date timestamp) {
            if (timestamp == null) {
                throw new IllegalArgumentException("AtTimestamp needs a timestamp, got null");
            }
            this.timestampMillis = timestamp.getTime();
        }

        @Override
        public InitialPositionInStream getPosition() {
            return InitialPositionInStream.AT_TIMESTAMP;
        }

        /** The timestamp to start at (a copy). */
        public Date getTimestamp() {
            return new Date(timestampMillis);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof AtTimestamp that && timestampMillis == that.timestampMillis;
        }

        @Override
        public int hashCode() {
            return Objects.hash(AtTimestamp.class, timestampMillis);
        }

        @Override
        public String toString() {
            return "AtTimestamp(" + getTimestamp().toInstant() + ")";
        }
    }

    /**
     * Converts a KCL position without a timestamp into the matching initial position.
     *
     * @throws UnsupportedOperationException for {@code AT_TIMESTAMP}, which needs a timestamp: use
     *                                       {@code new KinesisInitialPositions.AtTimestamp(date)} instead
     */
    public static KinesisInitialPosition fromKinesisInitialPosition(InitialPositionInStream position) {
        if (position == InitialPositionInStream.LATEST) {
            return new Latest();
        }
        if (position == InitialPositionInStream.TRIM_HORIZON) {
            return new TrimHorizon();
        }
        throw new UnsupportedOperationException("Only LATEST and TRIM_HORIZON can be converted without a "
                + "timestamp; for " + position + " use new KinesisInitialPositions.AtTimestamp(date)");
    }
}
