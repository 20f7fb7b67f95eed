package org.apache.spark.streaming.kinesis.internal.receiver;

/** Reports a failure that needs the receiver to restart from its last checkpoints. */
@FunctionalInterface
interface ReceiverFailureHandler {

    void restartAfter(String message, Throwable cause);
}
