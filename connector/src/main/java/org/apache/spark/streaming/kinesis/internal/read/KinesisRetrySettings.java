package org.apache.spark.streaming.kinesis.internal.read;

import java.io.Serializable;
import org.apache.spark.SparkConf;

/**
 * How often, and how patiently, lost blocks are re-read from Kinesis: Spark's settings
 * {@value #WAIT_TIME_KEY} (default {@value #DEFAULT_WAIT_TIME}: the first back-off, doubled on each retry) and
 * {@value #MAX_ATTEMPTS_KEY} (default {@value #DEFAULT_MAX_ATTEMPTS}: attempts per Kinesis call, the first one
 * included), with the same meaning as in Spark's connector.
 */
public final class KinesisRetrySettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String WAIT_TIME_KEY = "spark.streaming.kinesis.retry.waitTime";
    public static final String MAX_ATTEMPTS_KEY = "spark.streaming.kinesis.retry.maxAttempts";
    public static final String DEFAULT_WAIT_TIME = "100ms";
    public static final int DEFAULT_MAX_ATTEMPTS = 3;

    private final long waitTimeMillis;
    private final int maxAttempts;

    public KinesisRetrySettings(long waitTimeMillis, int maxAttempts) {
        if (waitTimeMillis <= 0) {
            throw new IllegalArgumentException(WAIT_TIME_KEY + " must be positive, got " + waitTimeMillis + " ms");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException(MAX_ATTEMPTS_KEY + " must be at least 1, got " + maxAttempts);
        }
        this.waitTimeMillis = waitTimeMillis;
        this.maxAttempts = maxAttempts;
    }

    /** The settings of a Spark configuration, validated. */
    public static KinesisRetrySettings from(SparkConf conf) {
        long waitTime;
        int attempts;
        try {
            waitTime = conf.getTimeAsMs(WAIT_TIME_KEY, DEFAULT_WAIT_TIME);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(WAIT_TIME_KEY + " must be a duration such as 100ms or 2s, got '"
                    + conf.get(WAIT_TIME_KEY) + "'", e);
        }
        try {
            attempts = conf.getInt(MAX_ATTEMPTS_KEY, DEFAULT_MAX_ATTEMPTS);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(MAX_ATTEMPTS_KEY + " must be a whole number, got '"
                    + conf.get(MAX_ATTEMPTS_KEY) + "'", e);
        }
        return new KinesisRetrySettings(waitTime, attempts);
    }

    public long waitTimeMillis() {
        return waitTimeMillis;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public String toString() {
        return "KinesisRetrySettings[waitTime=" + waitTimeMillis + "ms, maxAttempts=" + maxAttempts + "]";
    }
}
