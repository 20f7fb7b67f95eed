package org.apache.spark.streaming.kinesis.internal.read;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.KmsThrottlingException;
import software.amazon.awssdk.services.kinesis.model.LimitExceededException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

/**
 * Runs one Kinesis call with retries, up to {@code maxAttempts} attempts for that call (each call starts with a
 * fresh count): throttling, service errors (5xx) and connection failures are retried, anything else fails at once.
 *
 * <p>The wait before retry {@code n} is {@code waitTime × 2^(n-1)} with "equal jitter" (between half and all of
 * it), so that tasks re-reading one shard do not retry in lock-step. A throttled call waits at least
 * {@value #THROTTLING_WINDOW_MILLIS} ms: Kinesis counts a shard's limits per one-second window, so a retry within
 * the same window is throttled again and only burns an attempt.
 */
public final class RetryingKinesisCall {

    /** Kinesis counts a shard's limits per one-second window: a throttled call waits at least this long. */
    public static final long THROTTLING_WINDOW_MILLIS = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(RetryingKinesisCall.class);
    private static final int MAX_DOUBLINGS = 20;

    private final KinesisRetrySettings settings;
    private final Sleeper sleeper;

    public RetryingKinesisCall(KinesisRetrySettings settings) {
        this(settings, Sleeper.THREAD);
    }

    RetryingKinesisCall(KinesisRetrySettings settings, Sleeper sleeper) {
        this.settings = settings;
        this.sleeper = sleeper;
    }

    /**
     * @param description what the call does, for messages: "read records ... of shard ... of stream ..."
     * @throws KinesisRangeReadException after the last attempt, or for an error that is not worth retrying
     */
    public <T> T call(String description, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!isRetryable(e) || attempt >= settings.maxAttempts()) {
                    throw new KinesisRangeReadException("Failed to " + description + " after " + attempt
                            + (attempt == 1 ? " attempt" : " attempts") + ": " + e.getMessage(), e);
                }
                long waitMillis = waitBeforeRetry(attempt, isThrottling(e));
                LOG.info("Could not {} (attempt {} of {}: {}); retrying in {} ms", description, attempt,
                        settings.maxAttempts(), e.getClass().getSimpleName(), waitMillis);
                sleep(waitMillis, description);
            }
        }
    }

    /** The wait after failed attempt {@code attempt} (1 for the first). */
    private long waitBeforeRetry(int attempt, boolean throttled) {
        return waitBeforeRetry(settings.waitTimeMillis(), Long.MAX_VALUE, attempt, throttled);
    }

    /**
     * The connector's one back-off rule, shared by every Kinesis call it retries (reads here, PutRecords rounds of
     * the Structured Streaming sink): {@code waitTime × 2^(attempt-1)}, at most {@code maxWaitMillis}, with equal
     * jitter, and at least {@value #THROTTLING_WINDOW_MILLIS} ms after throttling.
     *
     * @param attempt the failed attempt, 1 for the first
     */
    public static long waitBeforeRetry(long waitTimeMillis, long maxWaitMillis, int attempt, boolean throttled) {
        long ceiling = Math.min(waitTimeMillis << Math.min(attempt - 1, MAX_DOUBLINGS), maxWaitMillis);
        long jittered = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        return throttled ? Math.max(jittered, THROTTLING_WINDOW_MILLIS) : jittered;
    }

    /** Whether a failed Kinesis call is worth trying again: throttling, service errors (5xx), connection failures. */
    public static boolean isRetryable(RuntimeException e) {
        if (isThrottling(e)) {
            return true;
        }
        if (e instanceof AwsServiceException service) {
            return service.statusCode() >= 500;
        }
        return e instanceof SdkClientException;
    }

    /** Whether a failed Kinesis call was throttled, so that its retry waits for the next one-second window. */
    public static boolean isThrottling(RuntimeException e) {
        return e instanceof ProvisionedThroughputExceededException || e instanceof LimitExceededException
                || e instanceof KmsThrottlingException
                || e instanceof AwsServiceException service && service.isThrottlingException();
    }

    private void sleep(long millis, String description) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KinesisRangeReadException("Interrupted while retrying to " + description, e);
        }
    }
}
