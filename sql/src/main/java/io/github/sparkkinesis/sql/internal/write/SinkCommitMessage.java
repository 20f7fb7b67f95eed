package io.github.sparkkinesis.sql.internal.write;

import org.apache.spark.sql.connector.write.WriterCommitMessage;

/**
 * What a task that finished writing tells the driver: its counts, for the query progress. A plain class rather
 * than a record, because task results may travel through Kryo, which cannot build records.
 */
public final class SinkCommitMessage implements WriterCommitMessage {
    private static final long serialVersionUID = 1L;

    private final long recordsWritten;
    private final long bytesWritten;
    private final long recordsRetried;
    private final long throttledCalls;
    private final long recordsDropped;
    private final long putCalls;

    private SinkCommitMessage(SinkCounters counters) {
        recordsWritten = counters.recordsWritten();
        bytesWritten = counters.bytesWritten();
        recordsRetried = counters.recordsRetried();
        throttledCalls = counters.throttledCalls();
        recordsDropped = counters.recordsDropped();
        putCalls = counters.putCalls();
    }

    static SinkCommitMessage of(SinkCounters counters) {
        return new SinkCommitMessage(counters);
    }

    long recordsWritten() {
        return recordsWritten;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    long recordsRetried() {
        return recordsRetried;
    }

    long throttledCalls() {
        return throttledCalls;
    }

    long recordsDropped() {
        return recordsDropped;
    }

    long putCalls() {
        return putCalls;
    }
}
