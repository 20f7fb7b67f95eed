package org.apache.spark.streaming.kinesis.internal.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How each shard is polled with GetRecords: the records asked for per call, the pause between calls once the shard
 * is caught up, and how many bytes the KCL may read ahead of what the receiver has stored, per shard and for all the
 * shards of a receiver together. Immutable; the constructor validates with messages that name the builder option.
 *
 * <p>The defaults come from the benchmark in {@code docs/benchmarks.md}.
 */
public final class PollingSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Kinesis returns at most this many records per GetRecords call. */
    public static final int MAX_RECORDS_PER_READ_LIMIT = 10_000;

    /** Kinesis serves each shard at most five GetRecords calls per second, shared by every consumer. */
    public static final Duration MIN_TIME_BETWEEN_READS = Duration.ofMillis(200);

    public static final int DEFAULT_MAX_RECORDS_PER_READ = MAX_RECORDS_PER_READ_LIMIT;

    /**
     * A caught-up shard is polled about three times a second: a new record waits 150 ms on average for its read
     * (with one-second batches the benchmark's median latency is then within half a batch plus 300 ms), and
     * about 1.7 of the shard's five calls per second stay free for one more application reading the same stream.
     */
    public static final Duration DEFAULT_IDLE_TIME_BETWEEN_READS = Duration.ofMillis(300);

    /** The KCL's own bound on the records it fetched but the receiver has not taken yet. */
    public static final long DEFAULT_MAX_PREFETCH_BYTES_PER_SHARD = 8L * 1024 * 1024;

    /**
     * What all the shards of one receiver may hold fetched but not yet stored, counted as record data plus
     * {@code ReceiverPrefetchBudget.RECORD_OVERHEAD_BYTES} per record. The per-shard bound alone multiplies by the
     * shards a receiver holds (8 GiB for 1,000 shards that are behind). 256 MiB is about 20 full answers of 1 KiB
     * records, more than a receiver stores in a second, and two receivers' read-ahead fits in an eighth of a 4 GiB
     * executor. See {@code docs/scaling.md}.
     */
    public static final long DEFAULT_MAX_PREFETCH_BYTES_PER_RECEIVER = 256L * 1024 * 1024;

    /** Less than one full GetRecords answer (10 MiB) would leave a receiver reading one answer at a time. */
    public static final long MIN_PREFETCH_BYTES_PER_RECEIVER = 16L * 1024 * 1024;

    public static final PollingSettings DEFAULTS = new PollingSettings(DEFAULT_MAX_RECORDS_PER_READ,
            DEFAULT_IDLE_TIME_BETWEEN_READS, DEFAULT_MAX_PREFETCH_BYTES_PER_SHARD,
            DEFAULT_MAX_PREFETCH_BYTES_PER_RECEIVER);

    private final int maxRecordsPerRead;
    private final Duration idleTimeBetweenReads;
    private final long maxPrefetchBytesPerShard;
    private final long maxPrefetchBytesPerReceiver;

    /** Settings with the default receiver-wide prefetch bound. */
    public PollingSettings(int maxRecordsPerRead, Duration idleTimeBetweenReads, long maxPrefetchBytesPerShard) {
        this(maxRecordsPerRead, idleTimeBetweenReads, maxPrefetchBytesPerShard,
                DEFAULT_MAX_PREFETCH_BYTES_PER_RECEIVER);
    }

    public PollingSettings(int maxRecordsPerRead, Duration idleTimeBetweenReads, long maxPrefetchBytesPerShard,
            long maxPrefetchBytesPerReceiver) {
        if (maxRecordsPerRead < 1 || maxRecordsPerRead > MAX_RECORDS_PER_READ_LIMIT) {
            throw new IllegalArgumentException("maxRecordsPerRead must be between 1 and " + MAX_RECORDS_PER_READ_LIMIT
                    + " (the most one GetRecords call returns), got " + maxRecordsPerRead);
        }
        Objects.requireNonNull(idleTimeBetweenReads, "idleTimeBetweenReads");
        if (idleTimeBetweenReads.compareTo(MIN_TIME_BETWEEN_READS) < 0) {
            throw new IllegalArgumentException("idleTimeBetweenReads must be at least "
                    + MIN_TIME_BETWEEN_READS.toMillis() + " ms (Kinesis allows 5 GetRecords calls per second and "
                    + "shard), got " + idleTimeBetweenReads.toMillis() + " ms");
        }
        if (maxPrefetchBytesPerShard < 1 || maxPrefetchBytesPerShard > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxPrefetchBytesPerShard must be between 1 and " + Integer.MAX_VALUE
                    + " bytes, got " + maxPrefetchBytesPerShard);
        }
        if (maxPrefetchBytesPerReceiver < MIN_PREFETCH_BYTES_PER_RECEIVER) {
            throw new IllegalArgumentException("maxPrefetchBytesPerReceiver must be at least "
                    + MIN_PREFETCH_BYTES_PER_RECEIVER + " bytes (16 MiB, more than one GetRecords answer), got "
                    + maxPrefetchBytesPerReceiver);
        }
        this.maxRecordsPerRead = maxRecordsPerRead;
        this.idleTimeBetweenReads = idleTimeBetweenReads;
        this.maxPrefetchBytesPerShard = maxPrefetchBytesPerShard;
        this.maxPrefetchBytesPerReceiver = maxPrefetchBytesPerReceiver;
    }

    /** Records asked for per GetRecords call. */
    public int maxRecordsPerRead() {
        return maxRecordsPerRead;
    }

    /** The pause between GetRecords calls on a shard that is caught up with its newest record. */
    public Duration idleTimeBetweenReads() {
        return idleTimeBetweenReads;
    }

    /** Bytes of fetched records the KCL may hold per shard before it stops reading ahead. */
    public long maxPrefetchBytesPerShard() {
        return maxPrefetchBytesPerShard;
    }

    /** Bytes of fetched records all the shards of a receiver may hold together before their reads wait. */
    public long maxPrefetchBytesPerReceiver() {
        return maxPrefetchBytesPerReceiver;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PollingSettings that
                && maxRecordsPerRead == that.maxRecordsPerRead
                && idleTimeBetweenReads.equals(that.idleTimeBetweenReads)
                && maxPrefetchBytesPerShard == that.maxPrefetchBytesPerShard
                && maxPrefetchBytesPerReceiver == that.maxPrefetchBytesPerReceiver;
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxRecordsPerRead, idleTimeBetweenReads, maxPrefetchBytesPerShard,
                maxPrefetchBytesPerReceiver);
    }

    @Override
    public String toString() {
        return "PollingSettings[maxRecordsPerRead=" + maxRecordsPerRead + ", idleTimeBetweenReads="
                + idleTimeBetweenReads.toMillis() + "ms, maxPrefetchBytesPerShard=" + maxPrefetchBytesPerShard + "]";
    }
}
