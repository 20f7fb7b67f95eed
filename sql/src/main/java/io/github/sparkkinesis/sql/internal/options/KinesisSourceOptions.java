package io.github.sparkkinesis.sql.internal.options;

import static io.github.sparkkinesis.sql.internal.options.KnownOptions.CONSUMER_MODE;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.CONSUMER_NAME;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.FAIL_ON_DATA_LOSS;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.INITIAL_POSITION;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.MAX_BYTES_PER_TRIGGER;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.MAX_FETCH_DURATION;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.MAX_RECORDS_PER_FETCH;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.MAX_RECORDS_PER_TRIGGER;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.REQUIRE_CONSUMER_DEREGISTRATION;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.SHARDS_PER_TASK;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.SHARD_FETCH_INTERVAL;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.SHARD_LIST_REFRESH_INTERVAL;
import static io.github.sparkkinesis.sql.internal.options.KnownOptions.STREAM_NAME;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import org.apache.spark.streaming.kinesis.internal.config.FanOutSettings;

/**
 * The options of the kinesis source ({@code spark.readStream.format("kinesis").option(...)}), every one checked
 * in {@link #parse}: an invalid value, a missing stream name, or an option name that is a near miss of a known one
 * fails with an {@link IllegalArgumentException} naming the option, the value, what it accepts and the fix.
 * Option names are case-insensitive, as Spark's are, and those of Databricks' Kinesis source where it has them.
 *
 * <p>Defaults: region from the AWS SDK's default region chain at run time; the region's Kinesis endpoint; the
 * SDK's default credential chain; initial position {@code latest}; {@code maxRecordsPerFetch} 10,000;
 * {@code shardFetchInterval} 300 ms; {@code maxFetchDuration} 10 s; shards spread over the cluster's parallelism;
 * {@code shardListRefreshInterval} 60 s; no read limits; {@code failOnDataLoss} true; {@code consumerMode}
 * {@code polling} ({@code efo} requires {@code consumerName}); {@code requireConsumerDeregistration} false. The names and defaults are
 * constants of {@link KnownOptions}.
 *
 * <p>Immutable and serializable. {@link #toString()} never shows the secret key or the role's external id.
 */
public final class KinesisSourceOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final OptionNameCheck NAMES = new OptionNameCheck("source", KnownOptions.ALL,
            KnownOptions.SPARK_OPTIONS);

    private final List<String> streamNames;
    private final ConnectionOptions connection;
    // Nullable fields stand for the empty Optionals of the accessors (Optional is not serializable).
    private final InitialPosition initialPosition;
    private final int maxRecordsPerFetch;
    private final Duration shardFetchInterval;
    private final Duration maxFetchDuration;
    private final Integer shardsPerTask;
    private final Duration shardListRefreshInterval;
    private final Long maxRecordsPerTrigger;
    private final Long maxBytesPerTrigger;
    private final boolean failOnDataLoss;
    /** Null when polling. */
    private final String consumerName;
    private final boolean requireConsumerDeregistration;

    private KinesisSourceOptions(OptionReader options) {
        // In the order of the reference, so that the first wrong option met is the first one reported.
        streamNames = options.text(STREAM_NAME).map(AwsNames::streamNames).orElseThrow(() ->
                OptionErrors.misuse(STREAM_NAME, "is required", "give the Kinesis stream to read, or a "
                        + "comma-separated list of streams, e.g. .option(\"streamName\", \"orders\")"));
        connection = ConnectionOptions.read(options);
        initialPosition = options.text(INITIAL_POSITION).map(InitialPositionParser::parse)
                .orElse(InitialPosition.latest());
        maxRecordsPerFetch = options.wholeNumber(MAX_RECORDS_PER_FETCH, KnownOptions.DEFAULT_MAX_RECORDS_PER_FETCH,
                1, KnownOptions.MAX_MAX_RECORDS_PER_FETCH);
        shardFetchInterval = options.duration(SHARD_FETCH_INTERVAL, KnownOptions.DEFAULT_SHARD_FETCH_INTERVAL,
                KnownOptions.MIN_SHARD_FETCH_INTERVAL);
        maxFetchDuration = options.duration(MAX_FETCH_DURATION, KnownOptions.DEFAULT_MAX_FETCH_DURATION,
                Duration.ofMillis(1));
        shardsPerTask = boxed(options.positiveInt(SHARDS_PER_TASK,
                "shards spread over the cluster's parallelism"));
        shardListRefreshInterval = options.duration(SHARD_LIST_REFRESH_INTERVAL,
                KnownOptions.DEFAULT_SHARD_LIST_REFRESH_INTERVAL, KnownOptions.MIN_SHARD_LIST_REFRESH_INTERVAL);
        maxRecordsPerTrigger = boxed(options.positiveLong(MAX_RECORDS_PER_TRIGGER, "no limit on records"));
        maxBytesPerTrigger = boxed(options.byteSize(MAX_BYTES_PER_TRIGGER, "no limit on bytes"));
        failOnDataLoss = options.bool(FAIL_ON_DATA_LOSS, KnownOptions.DEFAULT_FAIL_ON_DATA_LOSS);
        consumerName = enhancedFanOut(options) ? consumerName(options) : null;
        requireConsumerDeregistration = options.bool(REQUIRE_CONSUMER_DEREGISTRATION,
                KnownOptions.DEFAULT_REQUIRE_CONSUMER_DEREGISTRATION);
    }

    /**
     * The options Spark gave the source, checked.
     *
     * @throws IllegalArgumentException for the first invalid or missing option, or an unknown option name that is
     *                                  a near miss of a known one; the message names the option
     */
    public static KinesisSourceOptions parse(CaseInsensitiveStringMap options) {
        NAMES.check(options);
        return new KinesisSourceOptions(new OptionReader(options));
    }

    private static boolean enhancedFanOut(OptionReader options) {
        String mode = options.text(CONSUMER_MODE).orElse(KnownOptions.DEFAULT_CONSUMER_MODE);
        String lowerCase = mode.toLowerCase(Locale.ROOT);
        if (!lowerCase.equals(KnownOptions.CONSUMER_MODE_POLLING) && !lowerCase.equals(KnownOptions.CONSUMER_MODE_EFO)) {
            throw OptionErrors.invalidValue(CONSUMER_MODE, mode, "polling (GetRecords) or efo (enhanced fan-out)",
                    "remove the option for the default " + KnownOptions.DEFAULT_CONSUMER_MODE);
        }
        boolean efo = lowerCase.equals(KnownOptions.CONSUMER_MODE_EFO);
        if (!efo) {
            for (String efoOption : List.of(CONSUMER_NAME, REQUIRE_CONSUMER_DEREGISTRATION)) {
                if (options.isSet(efoOption)) {
                    throw OptionErrors.misuse(efoOption, "belongs to enhanced fan-out, but consumerMode is "
                            + mode, "set consumerMode to efo, or remove " + efoOption);
                }
            }
        }
        return efo;
    }

    private static String consumerName(OptionReader options) {
        String name = options.text(CONSUMER_NAME).orElseThrow(() -> OptionErrors.misuse(CONSUMER_NAME,
                "is required with consumerMode efo", "name the enhanced fan-out consumer the query reads through "
                        + "(registered when the stream has none of that name, reused when it has; keep the name "
                        + "when the query restarts), e.g. .option(\"consumerName\", \"orders-to-delta\")"));
        if (!FanOutSettings.isConsumerName(name)) {
            throw OptionErrors.invalidValue(CONSUMER_NAME, name, "a Kinesis consumer name: 1 to 128 letters, digits, "
                    + "'_', '-' and '.'", "choose a name made of those");
        }
        return name;
    }

    /** The streams to read, in the order given: one or more, each named once. */
    public List<String> streamNames() {
        return streamNames;
    }

    /** The streams' region; empty: the AWS SDK's default region chain decides at run time. */
    public Optional<String> region() {
        return connection.region();
    }

    /** The Kinesis endpoint; empty: the region's standard endpoint. */
    public Optional<URI> endpoint() {
        return connection.endpoint();
    }

    /** The credentials of the Kinesis calls (the SDK's default chain when no credential option is given). */
    public SparkAWSCredentials credentials() {
        return connection.credentials();
    }

    /** The STS endpoint the role is assumed at (also inside {@link #credentials()}); empty: the region's. */
    public Optional<URI> stsEndpoint() {
        return connection.stsEndpoint();
    }

    /** Region, endpoint and credentials, as the writer takes them too. */
    public ConnectionOptions connection() {
        return connection;
    }

    /** Where shards the query has no offset for start; default {@code latest}. */
    public InitialPosition initialPosition() {
        return initialPosition;
    }

    /** Records asked for per GetRecords call, 1 to 10,000; default 10,000. */
    public int maxRecordsPerFetch() {
        return maxRecordsPerFetch;
    }

    /** Pause between two reads of a shard whose last read had nothing new; default 300 ms, at least 200 ms. */
    public Duration shardFetchInterval() {
        return shardFetchInterval;
    }

    /** How long one micro-batch may spend reading before it is planned; default 10 s. */
    public Duration maxFetchDuration() {
        return maxFetchDuration;
    }

    /** Shards one task reads; empty: spread over the cluster's parallelism. */
    public OptionalInt shardsPerTask() {
        return shardsPerTask == null ? OptionalInt.empty() : OptionalInt.of(shardsPerTask);
    }

    /** How often the shard list is read again; default 60 s, at least 1 s. */
    public Duration shardListRefreshInterval() {
        return shardListRefreshInterval;
    }

    /** At most this many records per micro-batch; empty: no limit. */
    public OptionalLong maxRecordsPerTrigger() {
        return maxRecordsPerTrigger == null ? OptionalLong.empty() : OptionalLong.of(maxRecordsPerTrigger);
    }

    /** At most about this many bytes of record data per micro-batch; empty: no limit. */
    public OptionalLong maxBytesPerTrigger() {
        return maxBytesPerTrigger == null ? OptionalLong.empty() : OptionalLong.of(maxBytesPerTrigger);
    }

    /**
     * Whether records that expired out of the stream's retention before they were read fail the query (default)
     * rather than being skipped and reported.
     */
    public boolean failOnDataLoss() {
        return failOnDataLoss;
    }

    /**
     * The enhanced fan-out consumer the streams are read through ({@code consumerMode} {@code efo}): one of this
     * name per stream, registered when missing. Empty: the streams are polled with GetRecords (the default).
     */
    public Optional<String> consumerName() {
        return Optional.ofNullable(consumerName);
    }

    /**
     * Whether the query deregisters its consumers when it stops (default false: they stay for the next run, and
     * cost per shard-hour until removed).
     */
    public boolean requireConsumerDeregistration() {
        return requireConsumerDeregistration;
    }

    /** Every option with its value or default; the credentials as their masked description, never a secret. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("streamNames=" + streamNames);
        parts.add(connection.toString());
        parts.add("initialPosition=" + initialPosition);
        parts.add("maxRecordsPerFetch=" + maxRecordsPerFetch);
        parts.add("shardFetchInterval=" + OptionReader.sparkDuration(shardFetchInterval));
        parts.add("maxFetchDuration=" + OptionReader.sparkDuration(maxFetchDuration));
        parts.add("shardsPerTask=" + (shardsPerTask == null ? "(spread over the cluster)" : shardsPerTask));
        parts.add("shardListRefreshInterval=" + OptionReader.sparkDuration(shardListRefreshInterval));
        parts.add("maxRecordsPerTrigger=" + (maxRecordsPerTrigger == null ? "(none)" : maxRecordsPerTrigger));
        parts.add("maxBytesPerTrigger=" + (maxBytesPerTrigger == null ? "(none)" : maxBytesPerTrigger));
        parts.add("failOnDataLoss=" + failOnDataLoss);
        parts.add("consumerMode=" + (consumerName == null ? KnownOptions.CONSUMER_MODE_POLLING
                : KnownOptions.CONSUMER_MODE_EFO + ", consumerName=" + consumerName
                        + ", requireConsumerDeregistration=" + requireConsumerDeregistration));
        return "KinesisSourceOptions(" + String.join(", ", parts) + ")";
    }

    @Override
    public String toString() {
        return describe();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KinesisSourceOptions that
                && streamNames.equals(that.streamNames)
                && connection.equals(that.connection)
                && initialPosition.equals(that.initialPosition)
                && maxRecordsPerFetch == that.maxRecordsPerFetch
                && shardFetchInterval.equals(that.shardFetchInterval)
                && maxFetchDuration.equals(that.maxFetchDuration)
                && Objects.equals(shardsPerTask, that.shardsPerTask)
                && shardListRefreshInterval.equals(that.shardListRefreshInterval)
                && Objects.equals(maxRecordsPerTrigger, that.maxRecordsPerTrigger)
                && Objects.equals(maxBytesPerTrigger, that.maxBytesPerTrigger)
                && failOnDataLoss == that.failOnDataLoss
                && Objects.equals(consumerName, that.consumerName)
                && requireConsumerDeregistration == that.requireConsumerDeregistration;
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamNames, connection, initialPosition,
                maxRecordsPerFetch, shardFetchInterval, maxFetchDuration, shardsPerTask, shardListRefreshInterval,
                maxRecordsPerTrigger, maxBytesPerTrigger, failOnDataLoss, consumerName, requireConsumerDeregistration);
    }

    private static Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
