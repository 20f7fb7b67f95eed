package org.apache.spark.streaming.kinesis.internal.recovery;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

/**
 * Runs one Kinesis call with retries: throttling (the shard's read limits), service errors (5xx) and connection
 * failures are retried with exponential back-off and jitter, up to the configured number of attempts; anything
 * else fails at once.
 */
final class RetryingKinesisCall {

    /** What a sleep looks like; tests replace it. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final KinesisRetrySettings settings;
    private final Sleeper sleeper;

    RetryingKinesisCall(KinesisRetrySettings settings) {
        this(settings, Thread::sleep);
    }

    RetryingKinesisCall(KinesisRetrySettings settings, Sleeper sleeper) {
        this.settings = settings;
        this.sleeper = sleeper;
    }

    /**
     * @throws KinesisRangeReadException after the last attempt, or for an error that is not worth retrying
     */
    <T> T call(String description, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!isRetryable(e) || attempt >= settings.maxAttempts()) {
                    throw new KinesisRangeReadException("Failed to " + description + " after " + attempt
                            + (attempt == 1 ? " attempt" : " attempts") + ": " + e.getMessage(), e);
                }
                backOff(attempt, description);
            }
        }
    }

    static boolean isRetryable(RuntimeException e) {
        if (e instanceof ProvisionedThroughputExceededException || e instanceof LimitExceededException
                || e instanceof KmsThrottlingException) {
            return true;
        }
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return e instanceof SdkClientException;
    }

    private void backOff(int attempt, String description) {
        // Exponential, with "equal jitter" so that the tasks re-reading one shard do not retry in lock-step.
        long ceiling = settings.waitTimeMillis() << Math.min(attempt - 1, 20);
        long sleep = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        try {
            sleeper.sleep(sleep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KinesisRangeReadException("Interrupted while retrying to " + description, e);
        }
    }
}
