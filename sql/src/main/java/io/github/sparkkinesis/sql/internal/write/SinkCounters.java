package io.github.sparkkinesis.sql.internal.write;

import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * What one writing task did, counted as it goes: user records and bytes Kinesis acknowledged, records retried,
 * calls with throttled records, records dropped for their size, PutRecords calls made. Only acknowledged records
 * count as written. Read by Spark on the task thread ({@link #taskMetrics()}), so plain fields are enough; a copy
 * is the task's commit message, for the query progress. A plain class with a no-argument constructor, because
 * task results may travel through Kryo.
 */
public final class SinkCounters implements WriterCommitMessage {
    private static final long serialVersionUID = 1L;

    long recordsWritten;
    long bytesWritten;
    long recordsRetried;
    long throttledCalls;
    long recordsDropped;
    long putCalls;

    public long recordsWritten() {
        return recordsWritten;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public long recordsRetried() {
        return recordsRetried;
    }

    public long throttledCalls() {
        return throttledCalls;
    }

    public long recordsDropped() {
        return recordsDropped;
    }

    public long putCalls() {
        return putCalls;
    }

    /** A copy of the counts now: what a task that committed tells the driver. */
    SinkCounters snapshot() {
        SinkCounters copy = new SinkCounters();
        copy.recordsWritten = recordsWritten;
        copy.bytesWritten = bytesWritten;
        copy.recordsRetried = recordsRetried;
        copy.throttledCalls = throttledCalls;
        copy.recordsDropped = recordsDropped;
        copy.putCalls = putCalls;
        return copy;
    }

    /** The counters as Spark's task metrics, named as {@link KinesisSinkMetrics} declares them. */
    public CustomTaskMetric[] taskMetrics() {
        return new CustomTaskMetric[] {
            metric(KinesisSinkMetrics.RECORDS_WRITTEN, recordsWritten),
            metric(KinesisSinkMetrics.BYTES_WRITTEN, bytesWritten),
            metric(KinesisSinkMetrics.RECORDS_RETRIED, recordsRetried),
            metric(KinesisSinkMetrics.THROTTLED_CALLS, throttledCalls),
            metric(KinesisSinkMetrics.RECORDS_DROPPED, recordsDropped),
            metric(KinesisSinkMetrics.PUT_CALLS, putCalls),
        };
    }

    private static CustomTaskMetric metric(String name, long value) {
        return new CustomTaskMetric() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public long value() {
                return value;
            }
        };
    }
}
