package io.github.sparkkinesis.localstack;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; the deadline is a safety net, not a measurement. */
public final class Eventually {

    private static final long POLL_MILLIS = 100;

    private Eventually() {
    }

    /** Waits until {@code condition} holds; fails with the message (evaluated at the end) after {@code timeout}. */
    public static void await(Duration timeout, BooleanSupplier condition, Supplier<String> failureMessage) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within " + timeout.toSeconds() + " s: "
                        + failureMessage.get());
            }
            sleep(POLL_MILLIS);
        }
    }

    /**
     * Waits for {@code latch} without a deadline: for a thread a test holds on purpose, which the test itself
     * releases.
     */
    public static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }
}
