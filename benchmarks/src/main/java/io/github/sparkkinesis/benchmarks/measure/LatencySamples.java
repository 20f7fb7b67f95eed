package io.github.sparkkinesis.benchmarks.measure;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Per record: when the producer put it (stamped in its first eight bytes) and when a batch processed it. Static:
 * Spark runs the batches in this JVM, on the same clock as the producer.
 */
final class LatencySamples {

    private static final ConcurrentLinkedQueue<long[]> SAMPLES = new ConcurrentLinkedQueue<>();

    private LatencySamples() {
    }

    static void reset() {
        SAMPLES.clear();
    }

    static void processed(byte[] record) {
        long putMillis = ByteBuffer.wrap(record).getLong();
        SAMPLES.add(new long[] {putMillis, System.currentTimeMillis()});
    }

    /** Latencies in milliseconds of the records put at or after {@code fromPutMillis}, sorted. */
    static long[] latenciesSortedSince(long fromPutMillis) {
        return SAMPLES.stream().filter(sample -> sample[0] >= fromPutMillis)
                .mapToLong(sample -> sample[1] - sample[0]).sorted().toArray();
    }

    static int size() {
        return SAMPLES.size();
    }
}
