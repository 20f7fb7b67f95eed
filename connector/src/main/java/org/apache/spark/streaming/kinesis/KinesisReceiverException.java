package org.apache.spark.streaming.kinesis;

/**
 * A Kinesis receiver failed in a way that waiting cannot repair (a stream that does not exist, rejected
 * credentials, a record the message handler keeps failing on). The streaming context is stopped and
 * {@code StreamingContext.awaitTermination()} throws this exception, so that the application (and whatever
 * schedules it) sees a failed job instead of one that silently reads nothing. The message says what failed and
 * where; {@link #receiverDetails()} has the receiver's original error.
 *
 * <p>How many identical failures are tolerated first is set with the {@code spark.streaming.kinesis.*} settings
 * described in the configuration reference.
 */
public final class KinesisReceiverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String receiverDetails;

    public KinesisReceiverException(String message, String receiverDetails) {
        super(message + (receiverDetails == null || receiverDetails.isEmpty() ? "" : "\nReceiver error: "
                + receiverDetails));
        this.receiverDetails = receiverDetails == null ? "" : receiverDetails;
    }

    /** The receiver's error as it reported it (exception class, message and stack trace), or empty. */
    public String receiverDetails() {
        return receiverDetails;
    }
}
