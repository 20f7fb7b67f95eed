package io.github.sparkkinesis.benchmarks.measure;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The read ceiling of a Kinesis server: one thread per shard calling GetRecords from the start of the shard to its
 * end, with no processing at all. As the harness runs it, it asks for as many records per call as the connector
 * and keeps Kinesis's per-shard limit of five calls per second; the connector's drain rate is reported as a ratio of
 * this, both timed from the first GetRecords call to the last record.
 *
 * <p>Kinesis also serves at most 2 MiB/s per shard, which the fast server does not enforce and the Structured
 * Streaming source keeps on its own; {@link #recordsPerSecondAtKinesisLimits} is the loop that keeps it too.
 */
public final class PlainReadLoop {

    /** Kinesis serves at most five GetRecords calls per second and shard. */
    public static final Duration KINESIS_CALL_SPACING = Duration.ofMillis(200);
    /** Kinesis serves at most 2 MiB/s of records per shard (data and partition keys). */
    public static final long KINESIS_BYTES_PER_SECOND = 2L * 1024 * 1024;

    /** One drain: the records read and the calls made, from the first call to the last record. */
    public record Result(long records, long calls, Duration elapsed) {

        public double recordsPerSecond() {
            return records / (elapsed.toNanos() / 1e9);
        }
    }

    private PlainReadLoop() {
    }

    /** Records per second over all shards of {@code stream}, within Kinesis's call limit. */
    public static double recordsPerSecond(KinesisEndpoints endpoints, String stream, long expectedRecords,
            int recordsPerCall) throws Exception {
        try (KinesisClient kinesis = endpoints.newKinesisClient()) {
            return read(kinesis, stream, expectedRecords, recordsPerCall, KINESIS_CALL_SPACING).recordsPerSecond();
        }
    }

    /** Records per second over all shards of {@code stream}, within Kinesis's call and byte limits. */
    public static double recordsPerSecondAtKinesisLimits(KinesisEndpoints endpoints, String stream,
            long expectedRecords, int recordsPerCall) throws Exception {
        try (KinesisClient kinesis = endpoints.newKinesisClient()) {
            return read(kinesis, stream, expectedRecords, recordsPerCall, KINESIS_CALL_SPACING,
                    KINESIS_BYTES_PER_SECOND).recordsPerSecond();
        }
    }

    /**
     * Reads every shard of {@code stream} to its end, in parallel, starting a shard's calls at least
     * {@code minCallSpacing} apart (zero: as fast as the server answers).
     *
     * @throws IllegalStateException if fewer than {@code expectedRecords} records came
     */
    public static Result read(KinesisClient kinesis, String stream, long expectedRecords, int recordsPerCall,
            Duration minCallSpacing) throws Exception {
        return read(kinesis, stream, expectedRecords, recordsPerCall, minCallSpacing, 0);
    }

    /**
     * As {@link #read(KinesisClient, String, long, int, Duration)}, and if {@code bytesPerSecond} is positive, a
     * shard's next call also waits until the bytes of the last answer fit that rate (as Kinesis, which throttles a
     * shard's reads beyond 2 MiB/s, and the Structured Streaming source's pacing count them: data and partition
     * keys).
     */
    public static Result read(KinesisClient kinesis, String stream, long expectedRecords, int recordsPerCall,
            Duration minCallSpacing, long bytesPerSecond) throws Exception {
        List<Shard> shards = kinesis.listShards(request -> request.streamName(stream)).shards();
        ExecutorService threads = Executors.newFixedThreadPool(shards.size());
        AtomicLong records = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        AtomicLong firstCallNanos = new AtomicLong(Long.MAX_VALUE);
        try {
            List<Future<Long>> lastRecordNanos = new ArrayList<>();
            for (Shard shard : shards) {
                ShardReader reader = new ShardReader(kinesis, stream, shard.shardId(), recordsPerCall,
                        minCallSpacing.toNanos(), bytesPerSecond, records, calls, firstCallNanos);
                lastRecordNanos.add(threads.submit(reader::readToEnd));
            }
            long end = 0;
            for (Future<Long> shardEnd : lastRecordNanos) {
                end = Math.max(end, shardEnd.get());
            }
            if (records.get() < expectedRecords) {
                throw new IllegalStateException("Read " + records.get() + " of " + expectedRecords + " records");
            }
            return new Result(records.get(), calls.get(), Duration.ofNanos(end - firstCallNanos.get()));
        } finally {
            threads.shutdownNow();
        }
    }

    private record ShardReader(KinesisClient kinesis, String stream, String shardId, int recordsPerCall,
            long minCallSpacingNanos, long bytesPerSecond, AtomicLong records, AtomicLong calls,
            AtomicLong firstCallNanos) {

        /** Reads until a call returns nothing and reports the shard caught up; returns when the last record came. */
        long readToEnd() throws InterruptedException {
            String iterator = kinesis.getShardIterator(request -> request.streamName(stream).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            long lastRecordNanos = System.nanoTime();
            while (iterator != null) {
                long callStart = System.nanoTime();
                firstCallNanos.accumulateAndGet(callStart, Math::min);
                String current = iterator;
                GetRecordsResponse response =
                        kinesis.getRecords(request -> request.shardIterator(current).limit(recordsPerCall));
                calls.incrementAndGet();
                if (!response.records().isEmpty()) {
                    records.addAndGet(response.records().size());
                    lastRecordNanos = System.nanoTime();
                } else if (response.millisBehindLatest() == null || response.millisBehindLatest() == 0) {
                    return lastRecordNanos;
                }
                iterator = response.nextShardIterator();
                long now = System.nanoTime();
                long wait = Math.max(minCallSpacingNanos - (now - callStart), bytePause(response));
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            return lastRecordNanos;
        }

        /** How long the answer's bytes take at {@code bytesPerSecond}, counted from its arrival; 0 if unpaced. */
        private long bytePause(GetRecordsResponse response) {
            if (bytesPerSecond <= 0) {
                return 0;
            }
            long bytes = 0;
            for (Record record : response.records()) {
                bytes += record.data().asByteArrayUnsafe().length + record.partitionKey().length();
            }
            return bytes * 1_000_000_000L / bytesPerSecond;
        }
    }
}
