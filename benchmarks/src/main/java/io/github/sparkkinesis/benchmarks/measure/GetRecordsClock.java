package io.github.sparkkinesis.benchmarks.measure;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;

/**
 * Notes when the first GetRecords request of a run leaves, from inside the AWS SDK: the connector's drain is timed
 * from there, as the plain read loop is, and not from its first record, which it hands over only after the KCL has
 * already read ahead. The SDK installs it in every client of this JVM through the classpath file
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}.
 */
public final class GetRecordsClock implements ExecutionInterceptor {

    private static final AtomicLong FIRST_CALL_NANOS = new AtomicLong();

    static void reset() {
        FIRST_CALL_NANOS.set(0);
    }

    /** When the first GetRecords since {@link #reset()} was sent ({@link System#nanoTime()}), or 0. */
    static long firstCallNanos() {
        return FIRST_CALL_NANOS.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetRecordsRequest) {
            FIRST_CALL_NANOS.compareAndSet(0, System.nanoTime());
        }
    }
}
