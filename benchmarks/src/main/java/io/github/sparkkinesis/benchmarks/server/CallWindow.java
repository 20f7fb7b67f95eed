package io.github.sparkkinesis.benchmarks.server;

/**
 * At most {@code capacity} calls in any one-second window, as Kinesis counts its per-second limits: a call is allowed
 * when fewer than that many were allowed in the second before it. Thread-safe.
 */
final class CallWindow {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final int capacity;
    /** The times of the last {@code capacity} allowed calls, a ring; only allocated for real limits. */
    private final long[] recent;
    private int next;
    private int filled;

    CallWindow(int capacity) {
        this.capacity = capacity;
        this.recent = capacity == Integer.MAX_VALUE ? null : new long[capacity];
    }

    /** Counts the call and returns true if it is within the limit; false (and not counted) otherwise. */
    synchronized boolean tryCall(long nowNanos) {
        if (recent == null) {
            return true;
        }
        if (filled == capacity && nowNanos - recent[next] < WINDOW_NANOS) {
            return false;
        }
        recent[next] = nowNanos;
        next = (next + 1) % capacity;
        filled = Math.min(capacity, filled + 1);
        return true;
    }
}
