package org.apache.spark.streaming.kinesis.internal.read;

import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;

/** Records of a block could not be read from Kinesis again; the message names stream, shard and range. */
public final class KinesisRangeReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KinesisRangeReadException(String message, Throwable cause) {
        super(message, cause);
    }

    public KinesisRangeReadException(String message) {
        super(message);
    }

    /** The range is not in Kinesis as recorded, for the given reason. */
    static KinesisRangeReadException missing(SequenceNumberRange range, String reason) {
        return new KinesisRangeReadException("Cannot re-read " + describe(range) + " from Kinesis: " + reason);
    }

    /** "records first .. last (n records) of shard S of stream T", for messages. */
    static String describe(SequenceNumberRange range) {
        return "records " + range.first() + " .. " + range.last() + " (" + range.recordCount() + " records) of "
                + "shard " + range.shardId() + " of stream " + range.streamName();
    }
}
