package io.github.sparkkinesis.localstack.fanout;

/**
 * An error answered the way Kinesis answers it: HTTP 400 (500 for internal failures), the error code in the
 * {@code x-amzn-ErrorType} header and the {@code __type} member, and a message. The AWS SDK turns it into the
 * exception class of that name.
 */
final class KinesisApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int status;

    KinesisApiError(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    static KinesisApiError invalidArgument(String message) {
        return new KinesisApiError("InvalidArgumentException", 400, message);
    }

    static KinesisApiError resourceNotFound(String message) {
        return new KinesisApiError("ResourceNotFoundException", 400, message);
    }

    static KinesisApiError resourceInUse(String message) {
        return new KinesisApiError("ResourceInUseException", 400, message);
    }

    static KinesisApiError limitExceeded(String message) {
        return new KinesisApiError("LimitExceededException", 400, message);
    }

    static KinesisApiError internalFailure(String message) {
        return new KinesisApiError("InternalFailureException", 500, message);
    }

    String code() {
        return code;
    }

    int status() {
        return status;
    }
}
