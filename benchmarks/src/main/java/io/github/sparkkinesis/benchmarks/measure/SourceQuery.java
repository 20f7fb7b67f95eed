package io.github.sparkkinesis.benchmarks.measure;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * A running query of the Structured Streaming source with a {@code foreachBatch} sink, on its own new checkpoint;
 * {@link #close()} stops it and deletes the checkpoint.
 */
final class SourceQuery implements AutoCloseable {

    private static final long POLL_MILLIS = 20;

    private final String stream;
    private final QueryCheckpoint checkpoint;
    private final StreamingQuery query;
    private final long startNanos;

    private SourceQuery(String stream, QueryCheckpoint checkpoint, StreamingQuery query, long startNanos) {
        this.stream = stream;
        this.checkpoint = checkpoint;
        this.query = query;
        this.startNanos = startNanos;
    }

    static SourceQuery start(KinesisEndpoints endpoints, String stream, SourceSettings settings, Trigger trigger,
            VoidFunction2<Dataset<Row>, Long> sink) throws Exception {
        QueryCheckpoint checkpoint = QueryCheckpoint.create(stream);
        try {
            // Planned before the clock starts: load() only checks the options; the query's work begins in start().
            Dataset<Row> rows = settings.load(BenchmarkSpark.session(), endpoints, stream);
            long start = System.nanoTime();
            StreamingQuery query = rows.writeStream().foreachBatch(sink).trigger(trigger)
                    .option("checkpointLocation", checkpoint.location()).start();
            return new SourceQuery(stream, checkpoint, query, start);
        } catch (Exception | Error e) {
            checkpoint.close();
            throw e;
        }
    }

    /** When {@code start()} was called ({@link System#nanoTime()}). */
    long startNanos() {
        return startNanos;
    }

    StreamingQuery query() {
        return query;
    }

    /**
     * Waits until {@code done} holds, polling every 20 ms (so a moment taken right after is at most that late).
     *
     * @throws IllegalStateException if the query failed or stopped first, or {@code timeout} passed
     */
    void awaitUntil(BooleanSupplier done, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (query.exception().isDefined()) {
                throw new IllegalStateException("The query of " + stream + " failed", query.exception().get());
            }
            if (!query.isActive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("The query of " + stream + " did not " + what + " within "
                        + timeout + (query.isActive() ? "" : " (it stopped)"));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Waits for an {@code AvailableNow} query to stop by itself. */
    void awaitStop(Duration timeout) throws Exception {
        if (!query.awaitTermination(timeout.toMillis())) {
            throw new TimeoutException("The query of " + stream + " did not stop within " + timeout);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            query.stop();
        } finally {
            checkpoint.close();
        }
    }
}
