package org.apache.spark.streaming.kinesis.internal.receiver;

/** Where a shard processor sends the failures it cannot handle itself. */
interface ReceiverFailureHandler {

    /** Reports the failure and restarts the receiver from its last checkpoints. */
    void restartAfter(String message, Throwable cause);

    /**
     * Reports the failure and asks the driver to stop the streaming context with it; if the driver cannot be told,
     * restarts the receiver instead.
     */
    void stopStreaming(String message, Throwable cause);

    /** Reports something the user must know about (the Spark UI, listeners, the logs) without restarting. */
    void report(String message, Throwable cause);
}
