package org.apache.spark.streaming.kinesis.internal.read;

import java.util.function.LongSupplier;

/**
 * Spaces one kind of Kinesis call on one shard to the shard's read limits. Kinesis allows 5 {@code GetRecords} and
 * 5 {@code GetShardIterator} calls per second and 2 MiB/s of {@code GetRecords} data per shard, and the live KCL
 * poller of the same shard draws on the same limits while a lost block is re-read; reading as fast as possible
 * would only get both throttled.
 *
 * <p>A call may start no earlier than {@code minIntervalMillis} after the previous one started, and, after a call
 * that returned {@code n} bytes, no earlier than the time those bytes take at {@code bytesPerSecond}. Callers
 * reserve their slot under the lock and sleep outside it, so concurrent readers of one shard queue up fairly.
 */
public final class ShardCallPacer {

    /** One call per 200 ms: Kinesis's 5 calls per second per shard. */
    static final long DEFAULT_MIN_INTERVAL_MILLIS = 200;
    /** Kinesis's read throughput per shard. */
    static final long DEFAULT_BYTES_PER_SECOND = 2L * 1024 * 1024;

    private final long minIntervalMillis;
    private final long bytesPerSecond;
    private final LongSupplier monotonicMillis;
    private final Sleeper sleeper;
    private long nextCallAtMillis;

    ShardCallPacer(long minIntervalMillis, long bytesPerSecond, LongSupplier monotonicMillis, Sleeper sleeper) {
        if (minIntervalMillis < 0 || bytesPerSecond <= 0) {
            throw new IllegalArgumentException("Invalid pace: " + minIntervalMillis + " ms between calls, "
                    + bytesPerSecond + " bytes/s");
        }
        this.minIntervalMillis = minIntervalMillis;
        this.bytesPerSecond = bytesPerSecond;
        this.monotonicMillis = monotonicMillis;
        this.sleeper = sleeper;
        this.nextCallAtMillis = monotonicMillis.getAsLong();
    }

    /** A pacer at Kinesis's per-shard limits, on the system's monotonic clock. */
    public static ShardCallPacer atKinesisLimits() {
        return new ShardCallPacer(DEFAULT_MIN_INTERVAL_MILLIS, DEFAULT_BYTES_PER_SECOND,
                () -> System.nanoTime() / 1_000_000, Sleeper.THREAD);
    }

    /**
     * Waits until the caller may make its call.
     *
     * @throws KinesisRangeReadException if interrupted while waiting (the interrupt flag is kept)
     */
    public void awaitTurn() {
        long waitMillis;
        synchronized (this) {
            long now = monotonicMillis.getAsLong();
            long slot = Math.max(now, nextCallAtMillis);
            nextCallAtMillis = slot + minIntervalMillis;
            waitMillis = slot - now;
        }
        if (waitMillis > 0) {
            try {
                sleeper.sleep(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KinesisRangeReadException("Interrupted while waiting to call Kinesis", e);
            }
        }
    }

    /** Notes that a call just returned {@code bytes} bytes of records, which delays the next call accordingly. */
    public void recordRead(long bytes) {
        if (bytes <= 0) {
            return;
        }
        long pauseMillis = (bytes * 1000 + bytesPerSecond - 1) / bytesPerSecond;
        synchronized (this) {
            nextCallAtMillis = Math.max(nextCallAtMillis, monotonicMillis.getAsLong() + pauseMillis);
        }
    }
}
