package io.github.sparkkinesis.benchmarks.server;

import io.github.sparkkinesis.benchmarks.measure.PlainReadLoop;
import io.github.sparkkinesis.localstack.LocalStack;
import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Measures how fast a plain SDK client drains a {@link FastKinesisServer}: one thread per shard loops
 * GetRecords (10,000 records a call, no pause) over a preloaded backlog, with the SDK's default CBOR protocol.
 * This is the ceiling the server puts on any consumer benchmarked against it.
 *
 * <p>Arguments (all optional): shards, records per shard, payload bytes. Defaults: 4, 500000, 100.
 */
public final class GetRecordsThroughputProbe {

    private static final int READ_LIMIT = 10_000;

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

    /**
     * Creates a stream, preloads it and drains every shard in parallel with the harness's {@link PlainReadLoop},
     * without its pause between calls: the server's own speed.
     */
    public static Result drain(FastKinesisServer server, String streamName, int shards, long recordsPerShard,
            int payloadBytes) throws Exception {
        InMemoryStream stream = server.createStream(streamName, shards);
        stream.preload(recordsPerShard, RecordPayloadGenerator.repeating(payloadBytes));
        try (KinesisClient client = LocalStack.newKinesisClient(server.endpoint())) {
            RequestStatistics before = server.statistics();
            PlainReadLoop.Result read = PlainReadLoop.read(client, streamName, shards * recordsPerShard,
                    READ_LIMIT, Duration.ZERO);
            RequestStatistics after = server.statistics();
            long serverCalls = after.requests() - before.requests();
            Duration serverTime = after.handlingTime().minus(before.handlingTime());
            return new Result(read.records(), read.calls(), read.elapsed(),
                    serverCalls == 0 ? Duration.ZERO : serverTime.dividedBy(serverCalls));
        }
    }
}
