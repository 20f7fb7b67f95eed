package io.github.sparkkinesis.sql.internal.write;

/** Records could not be written to Kinesis; the message names the stream, the shard if known and the error. */
public final class KinesisWriteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KinesisWriteException(String message) {
        super(message);
    }

    public KinesisWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
