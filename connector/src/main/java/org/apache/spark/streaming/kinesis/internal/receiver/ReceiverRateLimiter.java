package org.apache.spark.streaming.kinesis.internal.receiver;

import com.google.common.util.concurrent.RateLimiter;
import java.util.function.LongSupplier;

/**
 * Holds the KCL threads of one receiver to Spark's receiving rate: {@code spark.streaming.receiver.maxRate}, or
 * the lower rate that backpressure sets. The limit is read from the receiver before every block, so rate updates
 * from the driver apply at once. Blocking here stops the shard's KCL thread, and with it the KCL's bounded
 * prefetch: records wait in Kinesis, not in memory.
 */
final class ReceiverRateLimiter {

    /** What Spark reports when there is no limit. */
    static final long UNLIMITED = Long.MAX_VALUE;

    private final LongSupplier currentLimit;
    private RateLimiter limiter;
    private long limiterRate;

    /**
     * @param currentLimit records per second allowed now, {@link #UNLIMITED} (or anything not positive) for none
     */
    ReceiverRateLimiter(LongSupplier currentLimit) {
        this.currentLimit = currentLimit;
    }

    /**
     * The most records one block may hold so that blocks arrive at an even pace: what the current rate lets
     * through in one block interval, or {@code unlimited} when there is no limit.
     */
    int maxBlockSize(long blockIntervalMillis, int unlimited) {
        long limit = currentLimit.getAsLong();
        if (limit <= 0 || limit == UNLIMITED) {
            return unlimited;
        }
        long perInterval;
        try {
            perInterval = Math.max(1, Math.multiplyExact(limit, blockIntervalMillis) / 1000);
        } catch (ArithmeticException overflow) {
            // A limit this high (e.g. a maxRate of 5e16 meant as "no limit") allows more than any block holds.
            perInterval = Long.MAX_VALUE;
        }
        return (int) Math.min(unlimited, perInterval);
    }

    /** Waits until {@code records} more records may be received. */
    void acquire(int records) {
        long limit = currentLimit.getAsLong();
        if (limit <= 0 || limit == UNLIMITED || records <= 0) {
            return;
        }
        rateLimiter(limit).acquire(records);
    }

    private synchronized RateLimiter rateLimiter(long limit) {
        if (limiter == null) {
            limiter = RateLimiter.create(limit);
            limiterRate = limit;
        } else if (limiterRate != limit) {
            limiter.setRate(limit);
            limiterRate = limit;
        }
        return limiter;
    }
}
