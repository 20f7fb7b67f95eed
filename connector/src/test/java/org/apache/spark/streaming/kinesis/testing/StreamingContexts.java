package org.apache.spark.streaming.kinesis.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * The streaming contexts one test creates, on the shared SparkContext; {@link StreamingContextExtension} stops
 * those still running after the test, so a failing test does not leave receivers behind for the next one.
 */
public final class StreamingContexts {

    private final List<JavaStreamingContext> created = new ArrayList<>();

    /** A new streaming context with one-second batches. */
    public JavaStreamingContext create() {
        return create(SparkTestContext.DEFAULT_BATCH);
    }

    public JavaStreamingContext create(Duration batch) {
        JavaStreamingContext ssc = SparkTestContext.newStreamingContext(batch);
        created.add(ssc);
        return ssc;
    }

    /** Stops every context created (receivers first, without waiting for pending batches). */
    void stopAll() {
        created.forEach(SparkTestContext::stop);
        created.clear();
    }
}
