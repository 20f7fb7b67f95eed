package io.github.sparkkinesis.sql.internal.write;

import org.apache.spark.sql.connector.write.WriterCommitMessage;

/** What a task that finished writing tells the driver: its counts, for the query progress. */
public record SinkCommitMessage(long recordsWritten, long bytesWritten, long recordsRetried, long throttledCalls,
        long recordsDropped, long putCalls) implements WriterCommitMessage {

    static SinkCommitMessage of(SinkCounters counters) {
        return new SinkCommitMessage(counters.recordsWritten(), counters.bytesWritten(), counters.recordsRetried(),
                counters.throttledCalls(), counters.recordsDropped(), counters.putCalls());
    }
}
