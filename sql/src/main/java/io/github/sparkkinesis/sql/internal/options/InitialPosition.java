package io.github.sparkkinesis.sql.internal.options;

import java.time.Instant;
import java.util.Optional;

/** Work in progress: replaced by the full option parser's. */
public final class InitialPosition implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Where shards without a position start. */
    public enum Kind { LATEST, TRIM_HORIZON, AT_TIMESTAMP }

    private final Kind kind;
    private final Instant timestamp;

    InitialPosition(Kind kind, Instant timestamp) {
        this.kind = kind;
        this.timestamp = timestamp;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Instant> timestamp() {
        return Optional.ofNullable(timestamp);
    }
}
