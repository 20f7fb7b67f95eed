package io.github.sparkkinesis.benchmarks.server;

/**
 * A Kinesis service error: the error type the SDK maps to an exception class (from {@code __type}) and the HTTP
 * status it arrives with. Thrown by operations and turned into an error response by the HTTP handler.
 */
final class KinesisError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;
    private final int httpStatus;

    private KinesisError(String type, int httpStatus, String message) {
        // No stack trace: these are expected answers to bad requests, not bugs, and benchmarks may provoke many.
        super(message, null, false, false);
        this.type = type;
        this.httpStatus = httpStatus;
    }

    static KinesisError invalidArgument(String message) {
        return new KinesisError("InvalidArgumentException", 400, message);
    }

    static KinesisError validation(String message) {
        return new KinesisError("ValidationException", 400, message);
    }

    static KinesisError resourceNotFound(String message) {
        return new KinesisError("ResourceNotFoundException", 400, message);
    }

    static KinesisError resourceInUse(String message) {
        return new KinesisError("ResourceInUseException", 400, message);
    }

    /** A read beyond a shard's limits (GetRecords, GetShardIterator). */
    static KinesisError throughputExceeded(String message) {
        return new KinesisError("ProvisionedThroughputExceededException", 400, message);
    }

    /** A control-plane call beyond its rate limit (ListShards, DescribeStreamSummary). */
    static KinesisError limitExceeded(String message) {
        return new KinesisError("LimitExceededException", 400, message);
    }

    /** Whether this is one of the throttling answers. */
    boolean throttling() {
        return type.equals("ProvisionedThroughputExceededException") || type.equals("LimitExceededException");
    }

    static KinesisError unknownOperation(String message) {
        return new KinesisError("UnknownOperationException", 400, message);
    }

    static KinesisError internalFailure(String message) {
        return new KinesisError("InternalFailure", 500, message);
    }

    String type() {
        return type;
    }

    int httpStatus() {
        return httpStatus;
    }
}
