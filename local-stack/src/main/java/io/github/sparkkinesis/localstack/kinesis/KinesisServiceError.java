package io.github.sparkkinesis.localstack.kinesis;

/**
 * A Kinesis service error as the loopback Kinesis servers of the test kit and the benchmarks answer it: the error
 * code the AWS SDK maps to an exception class (sent as {@code __type} and {@code x-amzn-ErrorType}), the HTTP status
 * it arrives with (400, or 500 for internal failures) and a message. Operations throw it; the server's HTTP handler
 * turns it into the answer with {@link KinesisErrorResponse}.
 *
 * <pre>{@code
 * if (stream == null) {
 *     throw KinesisServiceError.resourceNotFound("Stream " + name + " not found");
 * }
 * }</pre>
 *
 * <p>It carries no stack trace: these are expected answers to requests, not bugs, and load tests provoke many.
 */
public final class KinesisServiceError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private static final String THROUGHPUT_EXCEEDED = "ProvisionedThroughputExceededException";
    private static final String LIMIT_EXCEEDED = "LimitExceededException";
    private static final int CLIENT_ERROR = 400;
    private static final int SERVER_ERROR = 500;

    private final String code;
    private final int status;

    private KinesisServiceError(String code, int status, String message) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
    }

    /** A request member with a value Kinesis rejects ({@code InvalidArgumentException}, 400). */
    public static KinesisServiceError invalidArgument(String message) {
        return new KinesisServiceError("InvalidArgumentException", CLIENT_ERROR, message);
    }

    /** A request that breaks the API's constraints, e.g. a missing member ({@code ValidationException}, 400). */
    public static KinesisServiceError validation(String message) {
        return new KinesisServiceError("ValidationException", CLIENT_ERROR, message);
    }

    /** A stream, shard or consumer that does not exist ({@code ResourceNotFoundException}, 400). */
    public static KinesisServiceError resourceNotFound(String message) {
        return new KinesisServiceError("ResourceNotFoundException", CLIENT_ERROR, message);
    }

    /** A resource in a state that forbids the call, or that already exists ({@code ResourceInUseException}, 400). */
    public static KinesisServiceError resourceInUse(String message) {
        return new KinesisServiceError("ResourceInUseException", CLIENT_ERROR, message);
    }

    /** A read or write beyond a shard's limits ({@code ProvisionedThroughputExceededException}, 400). */
    public static KinesisServiceError throughputExceeded(String message) {
        return new KinesisServiceError(THROUGHPUT_EXCEEDED, CLIENT_ERROR, message);
    }

    /** A call beyond an account or control-plane limit ({@code LimitExceededException}, 400). */
    public static KinesisServiceError limitExceeded(String message) {
        return new KinesisServiceError(LIMIT_EXCEEDED, CLIENT_ERROR, message);
    }

    /** An {@code X-Amz-Target} naming no operation the server knows ({@code UnknownOperationException}, 400). */
    public static KinesisServiceError unknownOperation(String message) {
        return new KinesisServiceError("UnknownOperationException", CLIENT_ERROR, message);
    }

    /**
     * The server failed ({@code InternalFailureException}, 500): the code the SDK's Kinesis model declares, so the
     * client throws {@code InternalFailureException} (and retries it, as every 500).
     */
    public static KinesisServiceError internalFailure(String message) {
        return new KinesisServiceError("InternalFailureException", SERVER_ERROR, message);
    }

    /** Whether this is one of the throttling answers (throughput or limit exceeded). */
    public boolean throttling() {
        return code.equals(THROUGHPUT_EXCEEDED) || code.equals(LIMIT_EXCEEDED);
    }

    /** The error code, e.g. {@code ResourceNotFoundException}: the {@code __type} the SDK maps to its exception. */
    public String code() {
        return code;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }
}
