package io.github.sparkkinesis.benchmarks.measure;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The time from {@code start()} of a new Structured Streaming query ({@code trim_horizon}, one-second
 * processing-time trigger) on a stream that has records to the first row processed by its {@code foreachBatch},
 * with the moments in between: the first GetRecords call (the query has listed the shards and written its initial
 * offset, and the fetch job's tasks run) and the first answer with records.
 */
public final class SourceFirstRow {

    /**
     * @param firstBatch Spark's timings of the trigger that produced the first rows
     */
    public record Result(double secondsToFirstCall, double secondsToFirstRecords, double secondsToFirstRow,
            QueryTimings firstBatch) {
    }

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private SourceFirstRow() {
    }

    public static Result run(KinesisEndpoints endpoints, String stream, SourceSettings settings) throws Exception {
        GetRecordsClock.reset();
        ProcessedRecords.reset();
        try (SourceQuery source = SourceQuery.start(endpoints, stream, settings,
                Trigger.ProcessingTime(1, TimeUnit.SECONDS), (batch, id) -> ProcessedRecords.add(batch.count()))) {
            source.awaitUntil(() -> ProcessedRecords.firstNanos() != 0, TIMEOUT, "process a row");
            long start = source.startNanos();
            // The progress of a trigger is posted right after its batch; give it a moment to appear.
            StreamingQueryProgress first = null;
            for (int wait = 0; first == null && wait < 100; wait++) {
                first = Arrays.stream(source.query().recentProgress()).filter(p -> p.numInputRows() > 0)
                        .findFirst().orElse(null);
                if (first == null) {
                    Thread.sleep(20);
                }
            }
            return new Result((GetRecordsClock.firstCallNanos() - start) / 1e9,
                    (GetRecordsClock.firstRecordsNanos() - start) / 1e9,
                    (ProcessedRecords.firstNanos() - start) / 1e9,
                    first == null ? new QueryTimings(1, Double.NaN, Double.NaN, Double.NaN) : QueryTimings.of(first));
        }
    }
}
