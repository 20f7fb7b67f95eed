package io.github.sparkkinesis.benchmarks.measure;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The read ceiling of a Kinesis server: one thread per shard calling GetRecords (as many records per call as the
 * connector asks for) from the
 * start of the shard to its end, as fast as Kinesis's per-shard limit of five calls per second allows, with no
 * processing at all. The connector's drain rate is reported as a ratio of this; both are timed from the first
 * GetRecords call to the last record.
 */
public final class PlainReadLoop {

    private static final long MIN_NANOS_BETWEEN_CALL_STARTS = 200_000_000L;

    private PlainReadLoop() {
    }

    /** Records per second over all shards of {@code stream}, from the first GetRecords call to the last record. */
    public static double recordsPerSecond(KinesisEndpoints endpoints, String stream, long expectedRecords,
            int recordsPerCall) throws Exception {
        try (KinesisClient kinesis = endpoints.newKinesisClient()) {
            List<Shard> shards = kinesis.listShards(request -> request.streamName(stream)).shards();
            ExecutorService threads = Executors.newFixedThreadPool(shards.size());
            AtomicLong records = new AtomicLong();
            AtomicLong firstCallNanos = new AtomicLong(Long.MAX_VALUE);
            try {
                List<Future<Long>> lastRecordNanos = new ArrayList<>();
                for (Shard shard : shards) {
                    String shardId = shard.shardId();
                    lastRecordNanos.add(threads.submit(
                            () -> readToEnd(kinesis, stream, shardId, recordsPerCall, records, firstCallNanos)));
                }
                long end = 0;
                for (Future<Long> shardEnd : lastRecordNanos) {
                    end = Math.max(end, shardEnd.get());
                }
                if (records.get() < expectedRecords) {
                    throw new IllegalStateException("Read " + records.get() + " of " + expectedRecords + " records");
                }
                return records.get() / ((end - firstCallNanos.get()) / 1e9);
            } finally {
                threads.shutdownNow();
            }
        }
    }

    /** Reads until a call returns nothing and reports the shard caught up; returns when the last record came. */
    private static long readToEnd(KinesisClient kinesis, String stream, String shardId, int recordsPerCall,
            AtomicLong records, AtomicLong firstCallNanos) throws InterruptedException {
        String iterator = kinesis.getShardIterator(request -> request.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        long lastRecordNanos = System.nanoTime();
        while (iterator != null) {
            long callStart = System.nanoTime();
            firstCallNanos.accumulateAndGet(callStart, Math::min);
            String current = iterator;
            GetRecordsResponse response =
                    kinesis.getRecords(request -> request.shardIterator(current).limit(recordsPerCall));
            if (!response.records().isEmpty()) {
                records.addAndGet(response.records().size());
                lastRecordNanos = System.nanoTime();
            } else if (response.millisBehindLatest() == null || response.millisBehindLatest() == 0) {
                return lastRecordNanos;
            }
            iterator = response.nextShardIterator();
            long wait = MIN_NANOS_BETWEEN_CALL_STARTS - (System.nanoTime() - callStart);
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        return lastRecordNanos;
    }
}
