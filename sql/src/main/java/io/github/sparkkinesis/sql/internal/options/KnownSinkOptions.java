package io.github.sparkkinesis.sql.internal.options;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The option names of the kinesis sink ({@code writeStream.format("kinesis")} and {@code write.format("kinesis")}),
 * their defaults and limits: the one place the parser, the typo check and the reference in
 * docs/structured-streaming.md (checked by a test) take them from. The connection and credential options are the
 * reader's ({@link KnownOptions}).
 */
public final class KnownSinkOptions {

    // --- what to write where ---
    /** One stream for every row; without it, each row's {@code streamName} column names its stream. */
    public static final String STREAM_NAME = KnownOptions.STREAM_NAME;
    public static final String PARTITION_KEY = "partitionKey";
    public static final String RANDOM_PARTITION_KEY = "randomPartitionKey";
    public static final String AGGREGATE = "aggregate";

    // --- calls ---
    public static final String MAX_RECORDS_PER_CALL = "maxRecordsPerCall";
    public static final String MAX_BYTES_PER_CALL = "maxBytesPerCall";
    public static final String STRICT_KEY_ORDER = "strictKeyOrder";
    public static final String DROP_OVERSIZED_RECORDS = "dropOversizedRecords";

    // --- retries ---
    public static final String MAX_PUT_ATTEMPTS = "maxPutAttempts";
    public static final String RETRY_WAIT_TIME = "retryWaitTime";
    public static final String MAX_RETRY_DURATION = "maxRetryDuration";

    /** Every option name the sink knows, in the order of the reference. */
    public static final List<String> ALL = List.of(
            STREAM_NAME, KnownOptions.REGION, KnownOptions.ENDPOINT,
            KnownOptions.AWS_ACCESS_KEY, KnownOptions.AWS_SECRET_KEY, KnownOptions.ROLE_ARN,
            KnownOptions.ROLE_EXTERNAL_ID, KnownOptions.ROLE_SESSION_NAME, KnownOptions.STS_ENDPOINT,
            PARTITION_KEY, RANDOM_PARTITION_KEY, AGGREGATE,
            MAX_RECORDS_PER_CALL, MAX_BYTES_PER_CALL, STRICT_KEY_ORDER, DROP_OVERSIZED_RECORDS,
            MAX_PUT_ATTEMPTS, RETRY_WAIT_TIME, MAX_RETRY_DURATION);

    /**
     * The options Spark itself passes to a writer besides the user's: {@code path} from {@code save(path)} and
     * {@code checkpointLocation} of a streaming query. They mean nothing to the sink and are ignored.
     */
    public static final Set<String> SPARK_OPTIONS = Set.of("path", "checkpointLocation");

    // --- Kinesis' limits ---
    /** PutRecords takes at most 500 records per call. */
    public static final int KINESIS_MAX_RECORDS_PER_CALL = 500;
    /** PutRecords takes at most 5 MiB per call, partition keys included. */
    public static final long KINESIS_MAX_BYTES_PER_CALL = 5L * 1024 * 1024;
    /** A record may hold at most 1 MiB, its partition key included. */
    public static final long KINESIS_MAX_RECORD_BYTES = 1024 * 1024;

    // --- defaults ---
    public static final boolean DEFAULT_RANDOM_PARTITION_KEY = false;
    public static final boolean DEFAULT_AGGREGATE = false;
    public static final int DEFAULT_MAX_RECORDS_PER_CALL = KINESIS_MAX_RECORDS_PER_CALL;
    public static final long DEFAULT_MAX_BYTES_PER_CALL = KINESIS_MAX_BYTES_PER_CALL;
    public static final boolean DEFAULT_STRICT_KEY_ORDER = false;
    public static final boolean DEFAULT_DROP_OVERSIZED_RECORDS = false;
    /**
     * Attempts per record, the first included. Kinesis throttles per shard and per second, so a hot shard may
     * reject part of every call for a while; 20 attempts with back-off last well over a minute.
     */
    public static final int DEFAULT_MAX_PUT_ATTEMPTS = 20;
    public static final int MAX_MAX_PUT_ATTEMPTS = 1000;
    /** The first back-off, doubled for every further round up to {@link #MAX_RETRY_WAIT}. */
    public static final Duration DEFAULT_RETRY_WAIT_TIME = Duration.ofMillis(100);
    /** How long one call's records may be retried, from the first attempt, before the task fails. */
    public static final Duration DEFAULT_MAX_RETRY_DURATION = Duration.ofMinutes(2);
    /** The longest back-off between two rounds: throttling lasts seconds, not minutes. */
    public static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(5);

    private KnownSinkOptions() {
    }
}
