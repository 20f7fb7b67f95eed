package org.apache.spark.streaming.kinesis.internal.config;

import java.io.Serializable;
import java.time.Duration;

/**
 * KCL lease and coordination timings the connector chooses for the user (polling is {@link PollingSettings}).
 * Immutable; {@code with...} methods return copies.
 *
 * <p>The defaults are meant for production; see {@code docs/design.md} for why each one was chosen.
 */
public final class KclTuning implements Serializable {
    private static final long serialVersionUID = 1L;

    /**
     * KCL's own default: a lease not renewed for this long is considered lost and reassigned. Each worker renews its
     * leases every third of it, one lease-table write per lease: 310 writes/s for 1,024 shards at 10 s.
     */
    public static final Duration DEFAULT_FAILOVER_TIME = Duration.ofSeconds(10);

    /**
     * The shortest failover time a user may choose: below it a renewal round (a third of it) is shorter than a
     * lease-table write under load or a garbage collection, and leases would move between healthy receivers.
     */
    public static final Duration MIN_FAILOVER_TIME = Duration.ofSeconds(1);

    /**
     * How often the leader assigns leases (and, at half of it, how often each worker discovers its new leases).
     * The KCL default (twice the failover time) makes a fresh application wait 20-30 s for its first record.
     */
    public static final Duration DEFAULT_LEASE_ASSIGNMENT_INTERVAL = Duration.ofSeconds(2);

    /** How often a child shard checks whether its parents are finished. */
    public static final Duration DEFAULT_PARENT_SHARD_POLL_INTERVAL = Duration.ofSeconds(1);

    public static final KclTuning DEFAULTS = new KclTuning(DEFAULT_FAILOVER_TIME, DEFAULT_LEASE_ASSIGNMENT_INTERVAL,
            DEFAULT_PARENT_SHARD_POLL_INTERVAL);

    private final Duration failoverTime;
    private final Duration leaseAssignmentInterval;
    private final Duration parentShardPollInterval;

    private KclTuning(Duration failoverTime, Duration leaseAssignmentInterval, Duration parentShardPollInterval) {
        this.failoverTime = requirePositive(failoverTime, "failoverTime");
        this.leaseAssignmentInterval = requirePositive(leaseAssignmentInterval, "leaseAssignmentInterval");
        this.parentShardPollInterval = requirePositive(parentShardPollInterval, "parentShardPollInterval");
    }

    public Duration failoverTime() {
        return failoverTime;
    }

    public Duration leaseAssignmentInterval() {
        return leaseAssignmentInterval;
    }

    public Duration parentShardPollInterval() {
        return parentShardPollInterval;
    }

    public KclTuning withFailoverTime(Duration value) {
        return new KclTuning(value, leaseAssignmentInterval, parentShardPollInterval);
    }

    public KclTuning withLeaseAssignmentInterval(Duration value) {
        return new KclTuning(failoverTime, value, parentShardPollInterval);
    }

    public KclTuning withParentShardPollInterval(Duration value) {
        return new KclTuning(failoverTime, leaseAssignmentInterval, value);
    }

    private static Duration requirePositive(Duration value, String name) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KclTuning that
                && failoverTime.equals(that.failoverTime)
                && leaseAssignmentInterval.equals(that.leaseAssignmentInterval)
                && parentShardPollInterval.equals(that.parentShardPollInterval);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(failoverTime, leaseAssignmentInterval, parentShardPollInterval);
    }

    @Override
    public String toString() {
        return "KclTuning[failoverTime=" + failoverTime + ", leaseAssignmentInterval=" + leaseAssignmentInterval
                + ", parentShardPollInterval=" + parentShardPollInterval + "]";
    }
}
