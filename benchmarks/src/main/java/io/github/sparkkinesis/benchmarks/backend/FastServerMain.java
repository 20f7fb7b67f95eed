package io.github.sparkkinesis.benchmarks.backend;

import io.github.sparkkinesis.benchmarks.server.FastKinesisServer;
import io.github.sparkkinesis.benchmarks.server.InMemoryStream;
import io.github.sparkkinesis.benchmarks.server.RecordPayloadGenerator;
import java.io.IOException;
import java.time.Duration;

/**
 * Runs a {@link FastKinesisServer} as its own process, so that the CPU time the benchmark measures in the Spark JVM
 * is the consumer's alone. Arguments: streams as {@code name:shards:recordsPerShard:recordBytes}. Prints
 * {@code listening <port>} once the streams are loaded, and exits when its standard input closes (when the
 * benchmark ends or dies).
 */
public final class FastServerMain {

    static final String READY = "listening ";
    // As if written over the last ten minutes: readers see MillisBehindLatest fall as they drain, as on Kinesis.
    private static final Duration BACKLOG_AGE = Duration.ofMinutes(10);

    private FastServerMain() {
    }

    public static void main(String[] args) throws IOException {
        try (FastKinesisServer server = FastKinesisServer.start()) {
            for (String spec : args) {
                String[] parts = spec.split(":");
                InMemoryStream stream = server.createStream(parts[0], Integer.parseInt(parts[1]));
                long records = Long.parseLong(parts[2]);
                if (records > 0) {
                    stream.preload(records, RecordPayloadGenerator.repeating(Integer.parseInt(parts[3])), BACKLOG_AGE);
                }
            }
            System.out.println(READY + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Wait for the benchmark to close the pipe.
            }
        }
    }
}
