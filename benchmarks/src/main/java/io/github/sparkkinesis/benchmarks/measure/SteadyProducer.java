package io.github.sparkkinesis.benchmarks.measure;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * Puts records at a steady rate, ten PutRecords calls per second, each record stamped with the wall-clock time
 * just before its call. Runs for a fixed time and stops by itself.
 */
final class SteadyProducer implements Runnable {

    private static final int CALLS_PER_SECOND = 10;

    private final KinesisClient kinesis;
    private final String stream;
    private final int recordsPerSecond;
    private final int recordBytes;
    private final long durationMillis;
    private volatile long recordsPut;
    private volatile long recordsFailed;

    SteadyProducer(KinesisClient kinesis, String stream, int recordsPerSecond, int recordBytes, long durationMillis) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.recordsPerSecond = recordsPerSecond;
        this.recordBytes = Math.max(Long.BYTES, recordBytes);
        this.durationMillis = durationMillis;
    }

    @Override
    public void run() {
        int perCall = Math.max(1, recordsPerSecond / CALLS_PER_SECOND);
        long periodNanos = 1_000_000_000L / CALLS_PER_SECOND;
        long start = System.nanoTime();
        long calls = durationMillis * CALLS_PER_SECOND / 1000;
        for (long call = 0; call < calls; call++) {
            long due = start + call * periodNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            put(perCall);
        }
    }

    private void put(int count) {
        long now = System.currentTimeMillis();
        List<PutRecordsRequestEntry> entries = new ArrayList<>(count);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < count; i++) {
            ByteBuffer data = ByteBuffer.allocate(recordBytes).putLong(now);
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(Long.toHexString(random.nextLong()))
                    .data(SdkBytes.fromByteArray(data.array()))
                    .build());
        }
        PutRecordsResponse response = kinesis.putRecords(request -> request.streamName(stream).records(entries));
        int failed = response.failedRecordCount() == null ? 0 : response.failedRecordCount();
        recordsPut += count - failed;
        recordsFailed += failed;
    }

    long recordsPut() {
        return recordsPut;
    }

    long recordsFailed() {
        return recordsFailed;
    }
}
