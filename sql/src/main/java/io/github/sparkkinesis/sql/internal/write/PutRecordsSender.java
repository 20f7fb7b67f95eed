package io.github.sparkkinesis.sql.internal.write;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.spark.streaming.kinesis.internal.read.RetryingKinesisCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Writes one call's records with PutRecords, in rounds: a round sends every record not yet acknowledged, in their
 * order; records Kinesis rejects inside a successful call ({@code ProvisionedThroughputExceededException},
 * {@code InternalFailure}) and whole calls that failed in a retryable way (throttling, 5xx, connection) go again
 * in the next round, after the connector's back-off. It returns only when every record is acknowledged, and fails
 * with a {@link KinesisWriteException} naming stream, shard (from Kinesis' message) and error code when a record
 * runs out of attempts or time, or meets an error not worth retrying. Only acknowledged records are counted.
 *
 * <p>One call is in flight per task, and a round re-sends rejected records before any later record is sent: a
 * record is never sent while an earlier record of its key waits for a retry.
 */
final class PutRecordsSender {

    /** What Kinesis answers for a record it throttled. */
    static final String THROTTLED = "ProvisionedThroughputExceededException";
    /** What Kinesis answers for a record it failed to store; retrying is the documented remedy. */
    static final String INTERNAL_FAILURE = "InternalFailure";

    private static final Logger LOG = LoggerFactory.getLogger(PutRecordsSender.class);

    /** Waiting between rounds, replaceable so that tests of rounds run without real time passing. */
    @FunctionalInterface
    interface Pause {
        Pause THREAD = Thread::sleep;

        void sleep(long millis) throws InterruptedException;
    }

    private final KinesisClient kinesis;
    private final PutRetrySettings retries;
    private final SinkCounters counters;
    private final Pause pause;
    private final LongSupplier nanoTime;

    PutRecordsSender(KinesisClient kinesis, PutRetrySettings retries, SinkCounters counters) {
        this(kinesis, retries, counters, Pause.THREAD, System::nanoTime);
    }

    PutRecordsSender(KinesisClient kinesis, PutRetrySettings retries, SinkCounters counters, Pause pause,
            LongSupplier nanoTime) {
        this.kinesis = kinesis;
        this.retries = retries;
        this.counters = counters;
        this.pause = pause;
        this.nanoTime = nanoTime;
    }

    /** Writes every record of {@code batch}, or fails; see the class comment. */
    void send(PutBatch batch) {
        List<PutEntry> pending = batch.entries();
        long started = nanoTime.getAsLong();
        for (int attempt = 1; ; attempt++) {
            Rejection rejection = sendRound(batch.stream(), pending);
            if (rejection == null) {
                return;
            }
            pending = rejection.records;
            if (!rejection.retryable) {
                throw failure(batch.stream(), pending.size(), attempt, started, rejection, "not retryable");
            }
            long wait = RetryingKinesisCall.waitBeforeRetry(retries.waitTime().toMillis(),
                    retries.maxWait().toMillis(), attempt, rejection.throttled);
            long elapsedNanos = nanoTime.getAsLong() - started;
            if (attempt >= retries.maxAttempts()) {
                throw failure(batch.stream(), pending.size(), attempt, started, rejection,
                        "maxPutAttempts " + retries.maxAttempts() + " reached");
            }
            if (elapsedNanos + TimeUnit.MILLISECONDS.toNanos(wait) > retries.maxDuration().toNanos()) {
                throw failure(batch.stream(), pending.size(), attempt, started, rejection,
                        "maxRetryDuration " + retries.maxDuration().toMillis() + " ms reached");
            }
            counters.recordsRetried += pending.size();
            LOG.debug("Kinesis rejected {} of the records for stream {} ({}); retrying in {} ms", pending.size(),
                    batch.stream(), rejection.errorCode, wait);
            sleep(wait, batch.stream());
        }
    }

    /** One PutRecords call of {@code records}; null when all were acknowledged, else what to do with the rest. */
    private Rejection sendRound(String stream, List<PutEntry> records) {
        PutRecordsResponse response;
        counters.putCalls++;
        try {
            response = kinesis.putRecords(request(stream, records));
        } catch (RuntimeException e) {
            boolean throttled = RetryingKinesisCall.isThrottling(e);
            if (throttled) {
                counters.throttledCalls++;
            }
            String code = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                    && service.awsErrorDetails().errorCode() != null ? service.awsErrorDetails().errorCode()
                    : e.getClass().getSimpleName();
            return new Rejection(records, RetryingKinesisCall.isRetryable(e), throttled, code, e.getMessage(), e);
        }
        List<PutRecordsResultEntry> results = response.records();
        if (results.size() != records.size()) {
            // Never count a record as written without its own answer.
            return new Rejection(records, true, false, "IncompleteAnswer", "PutRecords answered "
                    + results.size() + " results for " + records.size() + " records", null);
        }
        List<PutEntry> rejected = new ArrayList<>();
        boolean retryable = true;
        boolean throttled = false;
        String code = null;
        String message = null;
        for (int i = 0; i < records.size(); i++) {
            PutRecordsResultEntry result = results.get(i);
            PutEntry record = records.get(i);
            if (result.errorCode() == null) {
                counters.recordsWritten += record.userRecords();
                counters.bytesWritten += record.size();
                continue;
            }
            rejected.add(record);
            throttled |= THROTTLED.equals(result.errorCode());
            retryable &= THROTTLED.equals(result.errorCode()) || INTERNAL_FAILURE.equals(result.errorCode());
            if (code == null || !retryable) {
                code = result.errorCode();
                message = result.errorMessage();
            }
        }
        if (rejected.isEmpty()) {
            return null;
        }
        if (throttled) {
            counters.throttledCalls++;
        }
        return new Rejection(rejected, retryable, throttled, code, message, null);
    }

    private static PutRecordsRequest request(String stream, List<PutEntry> records) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(records.size());
        for (PutEntry record : records) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(record.partitionKey())
                    .explicitHashKey(record.explicitHashKey())
                    .data(SdkBytes.fromByteArrayUnsafe(record.data()))
                    .build());
        }
        return PutRecordsRequest.builder().streamName(stream).records(entries).build();
    }

    private KinesisWriteException failure(String stream, int records, int attempts, long startedNanos,
            Rejection rejection, String why) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - startedNanos);
        // Kinesis' own message names the shard ("Rate exceeded for shard shardId-000000000001 in stream ...").
        return new KinesisWriteException("Could not write " + records + (records == 1 ? " record" : " records")
                + " to Kinesis stream " + stream + " after " + attempts + (attempts == 1 ? " attempt" : " attempts")
                + " in " + millis + " ms (" + why + "): error code " + rejection.errorCode
                + (rejection.message == null ? "" : ": " + rejection.message), rejection.cause);
    }

    private void sleep(long millis, String stream) {
        try {
            pause.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KinesisWriteException("Interrupted while retrying records for Kinesis stream " + stream, e);
        }
    }

    /** The records of a round that were not acknowledged, and why. */
    private record Rejection(List<PutEntry> records, boolean retryable, boolean throttled, String errorCode,
            String message, Throwable cause) {
    }
}
