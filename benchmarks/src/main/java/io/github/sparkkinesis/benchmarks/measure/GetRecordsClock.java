package io.github.sparkkinesis.benchmarks.measure;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;

/**
 * Notes when the first GetRecords request of a run leaves, from inside the AWS SDK: the connector's drain is timed
 * from there, as the plain read loop is, and not from its first record, which it hands over only after the KCL has
 * already read ahead. The SDK installs it in every client of this JVM through the classpath file
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}.
 *
 * <p>It also notes the first answer that carried records: the Structured Streaming source has no message handler to
 * watch, so this is the moment it read its first record (its fetch tasks call GetRecords and store the answer).
 */
public final class GetRecordsClock implements ExecutionInterceptor {

    private static final AtomicLong FIRST_CALL_NANOS = new AtomicLong();
    private static final AtomicLong FIRST_RECORDS_NANOS = new AtomicLong();
    private static final AtomicLong FIRST_RECORDS_CPU_NANOS = new AtomicLong();

    static void reset() {
        FIRST_CALL_NANOS.set(0);
        FIRST_RECORDS_NANOS.set(0);
        FIRST_RECORDS_CPU_NANOS.set(0);
    }

    /** When the first GetRecords since {@link #reset()} was sent ({@link System#nanoTime()}), or 0. */
    static long firstCallNanos() {
        return FIRST_CALL_NANOS.get();
    }

    /** When the first GetRecords answer with records since {@link #reset()} came, or 0. */
    static long firstRecordsNanos() {
        return FIRST_RECORDS_NANOS.get();
    }

    /** This JVM's CPU time at {@link #firstRecordsNanos()}. */
    static long firstRecordsCpuNanos() {
        return FIRST_RECORDS_CPU_NANOS.get();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof GetRecordsRequest) {
            FIRST_CALL_NANOS.compareAndSet(0, System.nanoTime());
        }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof GetRecordsResponse response && response.hasRecords()
                && !response.records().isEmpty()) {
            // Only the first answer pays for reading the clocks; the others are one volatile read.
            if (FIRST_RECORDS_NANOS.get() == 0 && FIRST_RECORDS_NANOS.compareAndSet(0, System.nanoTime())) {
                FIRST_RECORDS_CPU_NANOS.set(ProcessMetrics.processCpuNanos());
            }
        }
    }
}
