package io.github.sparkkinesis.benchmarks.server;

/**
 * One shard's reads against its limits (calls per second, bytes per second) and what a benchmark wants to know of
 * them: when the shard was first read, and when its last record was served. Thread-safe.
 */
final class ShardReadMeter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final CallWindow getRecordsCalls;
    private final CallWindow getShardIteratorCalls;
    private final long bytesPerSecond;
    /** Before this time the shard is still paying for bytes it served. */
    private long readableAtNanos = Long.MIN_VALUE;
    private volatile long firstReadNanos;
    private volatile boolean read;
    private volatile long endServedNanos = -1;

    ShardReadMeter(ThroughputLimits limits) {
        this.getRecordsCalls = new CallWindow(limits.getRecordsPerShardPerSecond());
        this.getShardIteratorCalls = new CallWindow(limits.getShardIteratorPerShardPerSecond());
        this.bytesPerSecond = limits.readBytesPerShardPerSecond();
    }

    /**
     * Counts a GetRecords call that would serve {@code dataBytes}; false if the shard is over its call or byte rate
     * (the call is then not served and costs nothing).
     */
    boolean tryRead(long nowNanos, long dataBytes) {
        synchronized (this) {
            if (nowNanos < readableAtNanos || !getRecordsCalls.tryCall(nowNanos)) {
                return false;
            }
            if (bytesPerSecond != Long.MAX_VALUE) {
                long cost = (long) (dataBytes * (double) NANOS_PER_SECOND / bytesPerSecond);
                readableAtNanos = Math.max(nowNanos, readableAtNanos) + cost;
            }
        }
        if (!read) {
            firstReadNanos = nowNanos;
            read = true;
        }
        return true;
    }

    /** A GetRecords answer at {@code nowNanos} served the shard's newest record. */
    void servedEnd(long nowNanos) {
        if (endServedNanos < 0) {
            endServedNanos = nowNanos;
        }
    }

    /** When an answer first served the shard's newest record since the last {@link #forget()}, or -1. */
    long endServedNanos() {
        return endServedNanos;
    }

    /** Forgets when the shard was first read and when its end was served: the next reader is timed afresh. */
    void forget() {
        read = false;
        endServedNanos = -1;
    }

    boolean tryGetShardIterator(long nowNanos) {
        return getShardIteratorCalls.tryCall(nowNanos);
    }

    /** The {@link System#nanoTime()} of the first GetRecords call served, or -1 if none was. */
    long firstReadNanos() {
        return read ? firstReadNanos : -1;
    }
}
