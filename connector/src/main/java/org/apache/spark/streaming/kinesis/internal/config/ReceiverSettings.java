package org.apache.spark.streaming.kinesis.internal.config;

import java.io.Serializable;
import java.util.Locale;
import org.apache.spark.SparkConf;

/**
 * The Spark settings ({@code spark.streaming.kinesis.*}) that decide what a receiver does when waiting cannot
 * help, and how far ahead of completed batches checkpoints may go. Spark settings rather than builder options so
 * that PySpark's own {@code KinesisUtils} users can set them too ({@code --conf}). Validated on the driver when
 * the DStream is built, with messages that name the setting and the accepted values.
 */
public final class ReceiverSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What happens once the message handler has failed on the same record {@link #HANDLER_MAX_ATTEMPTS_KEY} times. */
    public enum HandlerFailureAction {
        /** Stop the streaming context with an error naming the record (the default: nothing is lost). */
        FAIL,
        /** Leave the record out of the stream, report it, and go on. */
        SKIP
    }

    public static final String HANDLER_FAILURE_ACTION_KEY = "spark.streaming.kinesis.handlerFailure.action";
    public static final String HANDLER_MAX_ATTEMPTS_KEY = "spark.streaming.kinesis.handlerFailure.maxAttempts";
    public static final String SETUP_MAX_ATTEMPTS_KEY = "spark.streaming.kinesis.setupFailure.maxAttempts";
    public static final String CHECKPOINT_BEFORE_BATCH_COMPLETES_KEY =
            "spark.streaming.kinesis.checkpointBeforeBatchCompletes";

    public static final HandlerFailureAction DEFAULT_HANDLER_FAILURE_ACTION = HandlerFailureAction.FAIL;
    /** A record is tried this many times, each after a receiver restart, so a passing glitch does not stop a job. */
    public static final int DEFAULT_HANDLER_MAX_ATTEMPTS = 3;
    /**
     * Identical errors that waiting cannot fix (missing stream, rejected credentials or permissions) tolerated
     * before the context stops: about ten seconds of retries with Spark's default receiver restart delay, enough
     * for a stream or an IAM change that is being rolled out at the same time.
     */
    public static final int DEFAULT_SETUP_MAX_ATTEMPTS = 5;
    public static final boolean DEFAULT_CHECKPOINT_BEFORE_BATCH_COMPLETES = false;

    public static final ReceiverSettings DEFAULTS = new ReceiverSettings(DEFAULT_HANDLER_FAILURE_ACTION,
            DEFAULT_HANDLER_MAX_ATTEMPTS, DEFAULT_SETUP_MAX_ATTEMPTS, DEFAULT_CHECKPOINT_BEFORE_BATCH_COMPLETES);

    private final HandlerFailureAction handlerFailureAction;
    private final int handlerMaxAttempts;
    private final int setupMaxAttempts;
    private final boolean checkpointBeforeBatchCompletes;

    public ReceiverSettings(HandlerFailureAction handlerFailureAction, int handlerMaxAttempts, int setupMaxAttempts,
            boolean checkpointBeforeBatchCompletes) {
        if (handlerFailureAction == null) {
            throw new IllegalArgumentException(HANDLER_FAILURE_ACTION_KEY + " must be fail or skip");
        }
        if (handlerMaxAttempts < 1) {
            throw new IllegalArgumentException(HANDLER_MAX_ATTEMPTS_KEY + " must be at least 1 (the first attempt "
                    + "counts), got " + handlerMaxAttempts);
        }
        if (setupMaxAttempts < 0) {
            throw new IllegalArgumentException(SETUP_MAX_ATTEMPTS_KEY + " must be 0 (retry forever) or more, got "
                    + setupMaxAttempts);
        }
        this.handlerFailureAction = handlerFailureAction;
        this.handlerMaxAttempts = handlerMaxAttempts;
        this.setupMaxAttempts = setupMaxAttempts;
        this.checkpointBeforeBatchCompletes = checkpointBeforeBatchCompletes;
    }

    /** The settings of an application's Spark configuration, validated. */
    public static ReceiverSettings from(SparkConf conf) {
        String action = conf.get(HANDLER_FAILURE_ACTION_KEY, DEFAULT_HANDLER_FAILURE_ACTION.name());
        HandlerFailureAction parsedAction;
        try {
            parsedAction = HandlerFailureAction.valueOf(action.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(HANDLER_FAILURE_ACTION_KEY + " must be fail or skip, got '" + action
                    + "'", e);
        }
        return new ReceiverSettings(parsedAction, intSetting(conf, HANDLER_MAX_ATTEMPTS_KEY,
                DEFAULT_HANDLER_MAX_ATTEMPTS), intSetting(conf, SETUP_MAX_ATTEMPTS_KEY, DEFAULT_SETUP_MAX_ATTEMPTS),
                booleanSetting(conf, CHECKPOINT_BEFORE_BATCH_COMPLETES_KEY,
                        DEFAULT_CHECKPOINT_BEFORE_BATCH_COMPLETES));
    }

    private static int intSetting(SparkConf conf, String key, int defaultValue) {
        String value = conf.get(key, Integer.toString(defaultValue)).trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static boolean booleanSetting(SparkConf conf, String key, boolean defaultValue) {
        String value = conf.get(key, Boolean.toString(defaultValue)).trim();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
    }

    public HandlerFailureAction handlerFailureAction() {
        return handlerFailureAction;
    }

    public int handlerMaxAttempts() {
        return handlerMaxAttempts;
    }

    /** 0: never stop for setup errors. */
    public int setupMaxAttempts() {
        return setupMaxAttempts;
    }

    public boolean checkpointBeforeBatchCompletes() {
        return checkpointBeforeBatchCompletes;
    }

    @Override
    public String toString() {
        return "ReceiverSettings[handlerFailure=" + handlerFailureAction + " after " + handlerMaxAttempts
                + " attempts, setupFailure.maxAttempts=" + setupMaxAttempts + ", checkpointBeforeBatchCompletes="
                + checkpointBeforeBatchCompletes + "]";
    }
}
