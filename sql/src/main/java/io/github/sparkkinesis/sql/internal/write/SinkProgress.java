package io.github.sparkkinesis.sql.internal.write;

import java.util.Map;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * The counts of the last committed micro-batch, kept on the driver for the query progress ({@code sink.metrics}):
 * sums over the batch's tasks that committed.
 */
public final class SinkProgress {

    private volatile Map<String, String> lastBatch = Map.of();

    void committed(WriterCommitMessage[] messages) {
        long records = 0;
        long bytes = 0;
        long retried = 0;
        long throttled = 0;
        long dropped = 0;
        long calls = 0;
        for (WriterCommitMessage message : messages) {
            if (message instanceof SinkCounters task) {
                records += task.recordsWritten();
                bytes += task.bytesWritten();
                retried += task.recordsRetried();
                throttled += task.throttledCalls();
                dropped += task.recordsDropped();
                calls += task.putCalls();
            }
        }
        lastBatch = Map.of(KinesisSinkMetrics.RECORDS_WRITTEN, Long.toString(records),
                KinesisSinkMetrics.BYTES_WRITTEN, Long.toString(bytes),
                KinesisSinkMetrics.RECORDS_RETRIED, Long.toString(retried),
                KinesisSinkMetrics.THROTTLED_CALLS, Long.toString(throttled),
                KinesisSinkMetrics.RECORDS_DROPPED, Long.toString(dropped),
                KinesisSinkMetrics.PUT_CALLS, Long.toString(calls));
    }

    /** The last committed batch's counts by metric name; empty before the first. */
    public Map<String, String> lastBatch() {
        return lastBatch;
    }
}
