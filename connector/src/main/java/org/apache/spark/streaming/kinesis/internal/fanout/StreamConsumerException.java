package org.apache.spark.streaming.kinesis.internal.fanout;

import org.apache.spark.streaming.kinesis.internal.aws.AwsFailureExplainer;

/** An enhanced fan-out consumer could not be found, registered or deregistered; the message says why and what to do. */
public final class StreamConsumerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    StreamConsumerException(String message, Throwable cause, boolean permanent) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** Whether trying again cannot help (the consumer limit, a consumer that does not exist, access denied). */
    public boolean isPermanent() {
        return permanent || (getCause() != null && AwsFailureExplainer.isPermanent(getCause()));
    }
}
