package org.apache.spark.streaming.kinesis.internal.receiver;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.config.ReceiverSettings;

/**
 * Counts the failures that repeat identically across a receiver's restarts, and says when restarting again cannot
 * help: the message handler failing on the same record, or a setup error that waiting does not fix (a missing
 * stream, rejected credentials). It lives as long as the receiver object, which Spark keeps across the restarts
 * it makes in place.
 */
final class FailureBudget {

    /** What to do about a failure. */
    enum Decision {
        /** Restart the receiver and try again. */
        RESTART,
        /** Leave the record out and go on (handler failures with the skip action only). */
        SKIP,
        /** Stop the streaming context with the error. */
        STOP_STREAMING
    }

    private final ReceiverSettings settings;
    /** Per shard: the record the handler last failed on, and how often in a row. */
    private final Map<String, Attempts> handlerFailures = new HashMap<>();
    private String lastSetupFailure;
    private int setupFailures;

    FailureBudget(ReceiverSettings settings) {
        this.settings = settings;
    }

    ReceiverSettings settings() {
        return settings;
    }

    /** The handler failed on {@code position} of {@code shardId}. */
    synchronized Decision handlerFailed(String shardId, RecordPosition position) {
        Attempts previous = handlerFailures.get(shardId);
        int attempts = previous != null && previous.position().equals(position) ? previous.count() + 1 : 1;
        handlerFailures.put(shardId, new Attempts(position, attempts));
        if (attempts < settings.handlerMaxAttempts()) {
            return Decision.RESTART;
        }
        return settings.handlerFailureAction() == ReceiverSettings.HandlerFailureAction.SKIP
                ? Decision.SKIP : Decision.STOP_STREAMING;
    }

    /** The record of {@code shardId} the handler is known to have failed on, or null (the usual case). */
    synchronized RecordPosition failingRecord(String shardId) {
        Attempts attempts = handlerFailures.get(shardId);
        return attempts == null ? null : attempts.position();
    }

    /** The record the handler failed on went through (or was skipped): start counting afresh. */
    synchronized void recordHandled(String shardId) {
        handlerFailures.remove(shardId);
    }

    /**
     * Setting up the receiver failed with {@code message}.
     *
     * @param permanent whether the error is one that waiting does not fix; only those, repeated identically, stop
     *                  the streaming context (an unreachable endpoint or a DynamoDB outage may end at any time)
     */
    synchronized Decision setupFailed(String message, boolean permanent) {
        if (!permanent) {
            lastSetupFailure = null;
            setupFailures = 0;
            return Decision.RESTART;
        }
        setupFailures = message.equals(lastSetupFailure) ? setupFailures + 1 : 1;
        lastSetupFailure = message;
        int max = settings.setupMaxAttempts();
        return max > 0 && setupFailures >= max ? Decision.STOP_STREAMING : Decision.RESTART;
    }

    /** How many times in a row the current setup error happened. */
    synchronized int setupFailures() {
        return setupFailures;
    }

    /** The receiver is set up and reading: earlier setup errors no longer count. */
    synchronized void setupSucceeded() {
        lastSetupFailure = null;
        setupFailures = 0;
    }

    private record Attempts(RecordPosition position, int count) {
    }
}
