package io.github.sparkkinesis.sql.internal.options;

import java.io.Serializable;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a shard that the query has no offset for starts: at the newest record ({@link Kind#LATEST}, the default),
 * the oldest one still retained ({@link Kind#TRIM_HORIZON}), or the first one that arrived at or after a time
 * ({@link Kind#AT_TIMESTAMP}). Immutable and serializable.
 */
public final class InitialPosition implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The kinds of initial positions, named as Kinesis' shard iterator types. */
    public enum Kind {
        /** Records that arrive after the shard is first read. */
        LATEST,
        /** The oldest record the shard still retains ({@code earliest} in the options means the same). */
        TRIM_HORIZON,
        /** The first record that arrived at or after the {@linkplain #timestamp() timestamp}. */
        AT_TIMESTAMP
    }

    private static final InitialPosition LATEST = new InitialPosition(Kind.LATEST, null);
    private static final InitialPosition TRIM_HORIZON = new InitialPosition(Kind.TRIM_HORIZON, null);

    private final Kind kind;
    // Null unless AT_TIMESTAMP (Optional is not serializable).
    private final Instant timestamp;

    private InitialPosition(Kind kind, Instant timestamp) {
        this.kind = kind;
        this.timestamp = timestamp;
    }

    /** The newest records: only those that arrive after the shard is first read. */
    public static InitialPosition latest() {
        return LATEST;
    }

    /** The oldest record each shard still retains. */
    public static InitialPosition trimHorizon() {
        return TRIM_HORIZON;
    }

    /** The first record of each shard that arrived at or after {@code timestamp}. */
    public static InitialPosition atTimestamp(Instant timestamp) {
        return new InitialPosition(Kind.AT_TIMESTAMP, Objects.requireNonNull(timestamp, "timestamp"));
    }

    public Kind kind() {
        return kind;
    }

    /** The time of an {@link Kind#AT_TIMESTAMP} position; empty for the others. */
    public Optional<Instant> timestamp() {
        return Optional.ofNullable(timestamp);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InitialPosition that && kind == that.kind
                && Objects.equals(timestamp, that.timestamp);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, timestamp);
    }

    /** {@code latest}, {@code trim_horizon} or {@code at_timestamp 2026-11-01T00:00:00Z}: as the option says it. */
    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return timestamp == null ? name : name + " " + timestamp;
    }
}
