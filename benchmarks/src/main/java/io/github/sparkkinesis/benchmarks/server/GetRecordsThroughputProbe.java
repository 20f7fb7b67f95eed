package io.github.sparkkinesis.benchmarks.server;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Measures how fast a plain SDK client drains a {@link FastKinesisServer}: one thread per shard loops
 * GetRecords (10,000 records a call) over a preloaded backlog, with the SDK's default CBOR protocol. This is the
 * ceiling the server puts on any consumer benchmarked against it.
 *
 * <p>Arguments (all optional): shards, records per shard, payload bytes. Defaults: 4, 500000, 100.
 */
public final class GetRecordsThroughputProbe {

    private GetRecordsThroughputProbe() {
    }

    /** The outcome of one drain: records and calls over the wall time, and the server's own time per call. */
    public record Result(long records, long calls, Duration elapsed, Duration meanServerTimePerCall) {

        public double recordsPerSecond() {
            return records / (elapsed.toNanos() / 1e9);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d records in %,d GetRecords calls in %.2f s: %,.0f records/s; "
                    + "server time %.2f ms per call", records, calls, elapsed.toNanos() / 1e9, recordsPerSecond(),
                    meanServerTimePerCall.toNanos() / 1e6);
        }
    }

    public static void main(String[] args) throws Exception {
        int shards = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        long recordsPerShard = args.length > 1 ? Long.parseLong(args[1]) : 500_000;
        int payloadBytes = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        try (FastKinesisServer server = FastKinesisServer.start()) {
            // A short warm-up lets the JIT compile both sides before the measured drain.
            System.out.println("warm-up:  " + drain(server, "warm-up", shards, 100_000, payloadBytes));
            System.out.println("measured: " + drain(server, "measured", shards, recordsPerShard, payloadBytes));
        }
    }

    /** Creates a stream, preloads it and drains every shard in parallel, each from its own SDK client. */
    public static Result drain(FastKinesisServer server, String streamName, int shards, long recordsPerShard,
            int payloadBytes) throws Exception {
        InMemoryStream stream = server.createStream(streamName, shards);
        stream.preload(recordsPerShard, RecordPayloadGenerator.repeating(payloadBytes));
        ExecutorService readers = Executors.newFixedThreadPool(shards);
        RequestStatistics before = server.statistics();
        long started = System.nanoTime();
        try {
            List<Future<long[]>> counts = new ArrayList<>();
            for (InMemoryShard shard : stream.shards()) {
                counts.add(readers.submit(readShard(server.endpoint(), streamName, shard.shardId(), recordsPerShard)));
            }
            long records = 0;
            long calls = 0;
            for (Future<long[]> count : counts) {
                records += count.get()[0];
                calls += count.get()[1];
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            RequestStatistics after = server.statistics();
            long serverCalls = after.requests() - before.requests();
            Duration serverTime = after.handlingTime().minus(before.handlingTime());
            return new Result(records, calls, elapsed,
                    serverCalls == 0 ? Duration.ZERO : serverTime.dividedBy(serverCalls));
        } finally {
            readers.shutdownNow();
        }
    }

    private static Callable<long[]> readShard(URI endpoint, String streamName, String shardId, long expected) {
        return () -> {
            try (KinesisClient client = KinesisClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .build()) {
                String iterator = client.getShardIterator(b -> b.streamName(streamName).shardId(shardId)
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                long records = 0;
                long calls = 0;
                while (records < expected) {
                    String current = iterator;
                    GetRecordsResponse response = client.getRecords(b -> b.shardIterator(current).limit(10_000));
                    records += response.records().size();
                    calls++;
                    iterator = response.nextShardIterator();
                }
                return new long[] {records, calls};
            }
        };
    }
}
