package io.github.sparkkinesis.benchmarks.measure;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.Function;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Counts records as the connector's message handler sees them, i.e. the moment the receiver has read them, and
 * notes when the first one came. Static because the handler runs inside Spark (in this JVM: local mode).
 */
public final class ReceiveClock {

    private static final AtomicLong RECEIVED = new AtomicLong();
    private static final AtomicLong FIRST_NANOS = new AtomicLong();
    private static final AtomicLong FIRST_CPU_NANOS = new AtomicLong();
    private static final AtomicLong LAST_NANOS = new AtomicLong();

    private ReceiveClock() {
    }

    public static void reset() {
        RECEIVED.set(0);
        FIRST_NANOS.set(0);
        FIRST_CPU_NANOS.set(0);
        LAST_NANOS.set(0);
    }

    /**
     * {@link #receive} as a message handler. Made here, in a plain class, because Kryo 4 (Spark's
     * {@code KryoSerializer}, which ships the receiver) cannot serialize a lambda whose capturing class is a record.
     */
    public static final Function<KinesisClientRecord, byte[]> HANDLER = ReceiveClock::receive;

    /** The message handler of the benchmarks: the record's data, as the connector's default handler gives it. */
    public static byte[] receive(KinesisClientRecord record) {
        long now = System.nanoTime();
        if (RECEIVED.getAndIncrement() == 0) {
            FIRST_NANOS.set(now);
            FIRST_CPU_NANOS.set(ProcessMetrics.processCpuNanos());
        }
        LAST_NANOS.set(now);
        ByteBuffer data = record.data();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        return bytes;
    }

    public static long received() {
        return RECEIVED.get();
    }

    public static long firstNanos() {
        return FIRST_NANOS.get();
    }

    public static long firstCpuNanos() {
        return FIRST_CPU_NANOS.get();
    }

    public static long lastNanos() {
        return LAST_NANOS.get();
    }
}
