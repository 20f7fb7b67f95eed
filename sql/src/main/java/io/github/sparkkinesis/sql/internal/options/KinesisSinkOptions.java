package io.github.sparkkinesis.sql.internal.options;

import static io.github.sparkkinesis.sql.internal.options.KnownSinkOptions.AGGREGATE;
import static io.github.sparkkinesis.sql.internal.options.KnownSinkOptions.DROP_OVERSIZED_RECORDS;
import static io.github.sparkkinesis.sql.internal.options.KnownSinkOptions.MAX_BYTES_PER_CALL;
import static io.github.sparkkinesis.sql.internal.options.KnownSinkOptions.MAX_PUT_ATTEMPTS;
import static io.github.sparkkinesis.sql.internal.options.KnownSinkOptions.MAX_RECORDS_PER_CALL;
import static io.github.sparkkinesis.sql.internal.options.KnownSinkOptions.MAX_RETRY_DURATION;
import static io.github.sparkkinesis.sql.internal.options.KnownSinkOptions.PARTITION_KEY;
import static io.github.sparkkinesis.sql.internal.options.KnownSinkOptions.RANDOM_PARTITION_KEY;
import static io.github.sparkkinesis.sql.internal.options.KnownSinkOptions.RETRY_WAIT_TIME;
import static io.github.sparkkinesis.sql.internal.options.KnownSinkOptions.STREAM_NAME;
import static io.github.sparkkinesis.sql.internal.options.KnownSinkOptions.STRICT_KEY_ORDER;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The options of the kinesis sink ({@code df.writeStream.format("kinesis").option(...)}, also
 * {@code df.write.format("kinesis")}), every one checked in {@link #parse}: an invalid value or a near miss of a
 * known option name fails with an {@link IllegalArgumentException} naming the option, the value and the fix. The
 * connection and credential options are the reader's, checked by the same code.
 *
 * <p>Defaults (constants of {@link KnownSinkOptions}): the {@code streamName} and {@code partitionKey} columns;
 * no aggregation; 500 records and 5 MiB per PutRecords call; key order as Kinesis keeps it; oversized records fail
 * the task; 20 attempts per record, a first back-off of 100 ms, at most 2 minutes of retrying per call.
 *
 * <p>Immutable and serializable. {@link #toString()} never shows the secret key or the role's external id.
 */
public final class KinesisSinkOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final OptionNameCheck NAMES = new OptionNameCheck("sink", KnownSinkOptions.ALL,
            KnownSinkOptions.SPARK_OPTIONS);

    // Nullable fields stand for the empty Optionals of the accessors (Optional is not serializable).
    private final String streamName;
    private final ConnectionOptions connection;
    private final String partitionKey;
    private final boolean randomPartitionKey;
    private final boolean aggregate;
    private final int maxRecordsPerCall;
    private final long maxBytesPerCall;
    private final boolean strictKeyOrder;
    private final boolean dropOversizedRecords;
    private final int maxPutAttempts;
    private final Duration retryWaitTime;
    private final Duration maxRetryDuration;

    private KinesisSinkOptions(OptionReader options) {
        streamName = options.text(STREAM_NAME).map(KinesisSinkOptions::oneStream).orElse(null);
        connection = ConnectionOptions.read(options);
        partitionKey = options.raw(PARTITION_KEY).map(KinesisSinkOptions::checkedPartitionKey).orElse(null);
        randomPartitionKey = options.bool(RANDOM_PARTITION_KEY, KnownSinkOptions.DEFAULT_RANDOM_PARTITION_KEY);
        if (partitionKey != null && randomPartitionKey) {
            throw OptionErrors.misuse(RANDOM_PARTITION_KEY, "is true while option 'partitionKey' gives every "
                    + "record one key", "keep one of the two");
        }
        aggregate = options.bool(AGGREGATE, KnownSinkOptions.DEFAULT_AGGREGATE);
        maxRecordsPerCall = options.wholeNumber(MAX_RECORDS_PER_CALL, KnownSinkOptions.DEFAULT_MAX_RECORDS_PER_CALL,
                1, KnownSinkOptions.KINESIS_MAX_RECORDS_PER_CALL);
        maxBytesPerCall = options.byteSize(MAX_BYTES_PER_CALL, "the default 5m")
                .orElse(KnownSinkOptions.DEFAULT_MAX_BYTES_PER_CALL);
        if (maxBytesPerCall > KnownSinkOptions.KINESIS_MAX_BYTES_PER_CALL) {
            throw OptionErrors.invalidValue(MAX_BYTES_PER_CALL, options.text(MAX_BYTES_PER_CALL).orElseThrow(),
                    "a size of at most 5m (Kinesis takes at most 5 MiB per PutRecords call)",
                    "lower it, or remove the option for the default 5m");
        }
        strictKeyOrder = options.bool(STRICT_KEY_ORDER, KnownSinkOptions.DEFAULT_STRICT_KEY_ORDER);
        dropOversizedRecords = options.bool(DROP_OVERSIZED_RECORDS,
                KnownSinkOptions.DEFAULT_DROP_OVERSIZED_RECORDS);
        maxPutAttempts = options.wholeNumber(MAX_PUT_ATTEMPTS, KnownSinkOptions.DEFAULT_MAX_PUT_ATTEMPTS, 1,
                KnownSinkOptions.MAX_MAX_PUT_ATTEMPTS);
        retryWaitTime = options.duration(RETRY_WAIT_TIME, KnownSinkOptions.DEFAULT_RETRY_WAIT_TIME,
                Duration.ofMillis(1));
        maxRetryDuration = options.duration(MAX_RETRY_DURATION, KnownSinkOptions.DEFAULT_MAX_RETRY_DURATION,
                Duration.ofMillis(1));
    }

    /**
     * The options Spark gave the sink, checked.
     *
     * @throws IllegalArgumentException for the first invalid option, or an unknown option name that is a near
     *                                  miss of a known one; the message names the option
     */
    public static KinesisSinkOptions parse(CaseInsensitiveStringMap options) {
        NAMES.check(options);
        return new KinesisSinkOptions(new OptionReader(options));
    }

    private static String oneStream(String value) {
        List<String> names = AwsNames.streamNames(value);
        if (names.size() != 1) {
            throw OptionErrors.invalidValue(STREAM_NAME, value, "one stream name when writing",
                    "give one stream, or remove the option and name each row's stream in a streamName column");
        }
        return names.get(0);
    }

    private static String checkedPartitionKey(String value) {
        // Kinesis: 1 to 256 Unicode characters.
        if (value.isEmpty() || value.codePointCount(0, value.length()) > 256) {
            throw OptionErrors.invalidValue(PARTITION_KEY, value, "1 to 256 characters (a Kinesis partition key)",
                    "give a key of that length, or remove the option to take each row's partitionKey column");
        }
        return value;
    }

    /** The stream every row goes to; empty: each row's {@code streamName} column. */
    public Optional<String> streamName() {
        return Optional.ofNullable(streamName);
    }

    /** Region, endpoint and credentials, as the reader takes them. */
    public ConnectionOptions connection() {
        return connection;
    }

    /** The partition key of every record; empty: a random key or each row's {@code partitionKey} column. */
    public Optional<String> partitionKey() {
        return Optional.ofNullable(partitionKey);
    }

    /** Whether every record gets a random partition key (spreading records evenly); default false. */
    public boolean randomPartitionKey() {
        return randomPartitionKey;
    }

    /** Whether records are packed into KPL aggregates; default false. */
    public boolean aggregate() {
        return aggregate;
    }

    /** Records per PutRecords call, 1 to 500; default 500. */
    public int maxRecordsPerCall() {
        return maxRecordsPerCall;
    }

    /** Bytes per PutRecords call (data and partition keys), at most 5 MiB; default 5 MiB. */
    public long maxBytesPerCall() {
        return maxBytesPerCall;
    }

    /** Whether a call holds at most one record per partition key (per shard when aggregating); default false. */
    public boolean strictKeyOrder() {
        return strictKeyOrder;
    }

    /** Whether records over Kinesis' 1 MiB are dropped and counted rather than failing the task; default false. */
    public boolean dropOversizedRecords() {
        return dropOversizedRecords;
    }

    /** Attempts per record, the first included; default 20. */
    public int maxPutAttempts() {
        return maxPutAttempts;
    }

    /** The first back-off, doubled per round up to 5 s; default 100 ms. */
    public Duration retryWaitTime() {
        return retryWaitTime;
    }

    /** How long one call's records may be retried before the task fails; default 2 min. */
    public Duration maxRetryDuration() {
        return maxRetryDuration;
    }

    @Override
    public String toString() {
        return "KinesisSinkOptions(streamName=" + (streamName == null ? "(column)" : streamName)
                + ", " + connection
                + ", partitionKey=" + (partitionKey != null ? "(constant)" : randomPartitionKey ? "(random)"
                        : "(column)")
                + ", aggregate=" + aggregate + ", maxRecordsPerCall=" + maxRecordsPerCall
                + ", maxBytesPerCall=" + maxBytesPerCall + ", strictKeyOrder=" + strictKeyOrder
                + ", dropOversizedRecords=" + dropOversizedRecords + ", maxPutAttempts=" + maxPutAttempts
                + ", retryWaitTime=" + OptionReader.sparkDuration(retryWaitTime)
                + ", maxRetryDuration=" + OptionReader.sparkDuration(maxRetryDuration) + ")";
    }
}
