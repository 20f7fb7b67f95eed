package org.apache.spark.streaming.kinesis.internal.recovery;

/** Records of a block could not be read from Kinesis again; the message names stream, shard and range. */
public final class KinesisRangeReadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KinesisRangeReadException(String message, Throwable cause) {
        super(message, cause);
    }

    public KinesisRangeReadException(String message) {
        super(message);
    }
}
