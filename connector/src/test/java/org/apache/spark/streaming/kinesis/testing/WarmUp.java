package org.apache.spark.streaming.kinesis.testing;

import io.github.sparkkinesis.localstack.Eventually;
import io.github.sparkkinesis.localstack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * A record outside a test's data set, put before the test produces anything and awaited until the consumer has
 * processed it. On a busy machine a consumer (a streaming context, a driver in a child JVM, a whole cluster) can
 * take long to start; records produced meanwhile would reach it all at once instead of while it reads, and a
 * {@link BoundedProducer} could be done before the fault it is meant to overlap even starts.
 */
public final class WarmUp {

    /** The warm-up record's payload (as text); tests leave it out of what they compare. */
    public static final String RECORD = "warm-up";

    private WarmUp() {
    }

    /**
     * Puts the warm-up record into {@code stream} and waits until it is among {@code processed} (the payloads the
     * consumer has processed so far, as text).
     *
     * @param context what to add to the failure message (a log to look at)
     */
    public static void await(LocalStack stack, String stream, Duration timeout,
            Supplier<? extends Collection<String>> processed, Supplier<String> context) {
        stack.streams().putRecords(stream, List.of(RECORD.getBytes(StandardCharsets.UTF_8)));
        Eventually.await(timeout, () -> processed.get().contains(RECORD),
                () -> "the consumer did not process the warm-up record; " + context.get());
    }
}
