package io.github.sparkkinesis.sql.internal.options;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The option names of the kinesis source, their defaults and limits: the one place the parser, the typo check and
 * the reference in docs/structured-streaming.md (checked by a test) take them from. Names are Databricks' where
 * Databricks' Kinesis source has the option, so that its users' jobs run unchanged.
 */
public final class KnownOptions {

    // --- where to read ---
    public static final String STREAM_NAME = "streamName";
    public static final String REGION = "region";
    public static final String ENDPOINT = "endpoint";

    // --- credentials ---
    public static final String AWS_ACCESS_KEY = "awsAccessKey";
    public static final String AWS_SECRET_KEY = "awsSecretKey";
    public static final String ROLE_ARN = "roleArn";
    public static final String ROLE_EXTERNAL_ID = "roleExternalId";
    public static final String ROLE_SESSION_NAME = "roleSessionName";
    public static final String STS_ENDPOINT = "stsEndpoint";

    // --- where to start ---
    public static final String INITIAL_POSITION = "initialPosition";

    // --- fetching ---
    public static final String MAX_RECORDS_PER_FETCH = "maxRecordsPerFetch";
    public static final String SHARD_FETCH_INTERVAL = "shardFetchInterval";
    public static final String MAX_FETCH_DURATION = "maxFetchDuration";
    public static final String SHARDS_PER_TASK = "shardsPerTask";
    public static final String SHARD_LIST_REFRESH_INTERVAL = "shardListRefreshInterval";

    // --- admission control ---
    public static final String MAX_RECORDS_PER_TRIGGER = "maxRecordsPerTrigger";
    public static final String MAX_BYTES_PER_TRIGGER = "maxBytesPerTrigger";

    // --- data loss ---
    public static final String FAIL_ON_DATA_LOSS = "failOnDataLoss";

    // --- enhanced fan-out ---
    public static final String CONSUMER_MODE = "consumerMode";
    public static final String CONSUMER_NAME = "consumerName";
    public static final String REQUIRE_CONSUMER_DEREGISTRATION = "requireConsumerDeregistration";

    /** Every option name the source knows, in the order of the reference. */
    public static final List<String> ALL = List.of(
            STREAM_NAME, REGION, ENDPOINT,
            AWS_ACCESS_KEY, AWS_SECRET_KEY, ROLE_ARN, ROLE_EXTERNAL_ID, ROLE_SESSION_NAME, STS_ENDPOINT,
            INITIAL_POSITION,
            MAX_RECORDS_PER_FETCH, SHARD_FETCH_INTERVAL, MAX_FETCH_DURATION, SHARDS_PER_TASK,
            SHARD_LIST_REFRESH_INTERVAL,
            MAX_RECORDS_PER_TRIGGER, MAX_BYTES_PER_TRIGGER,
            FAIL_ON_DATA_LOSS,
            CONSUMER_MODE, CONSUMER_NAME, REQUIRE_CONSUMER_DEREGISTRATION);

    /**
     * The options Spark itself adds to the ones the user gives the reader: {@code path} from {@code load(path)}
     * (and from a catalog table's location), {@code paths} from the batch reader's {@code load(path, ...)}. They
     * mean nothing to this source and are ignored. (Spark adds {@code spark.datasource.<prefix>.*} session
     * settings only for sources that implement {@code SessionConfigSupport}, which this one does not.)
     */
    public static final Set<String> SPARK_OPTIONS = Set.of("path", "paths");

    // --- defaults and limits ---
    public static final String DEFAULT_ROLE_SESSION_NAME = "spark-kinesis-source";
    public static final String DEFAULT_INITIAL_POSITION = "latest";

    /** Kinesis returns at most 10,000 records per GetRecords call. */
    public static final int MAX_MAX_RECORDS_PER_FETCH = 10_000;
    public static final int DEFAULT_MAX_RECORDS_PER_FETCH = MAX_MAX_RECORDS_PER_FETCH;

    public static final Duration DEFAULT_SHARD_FETCH_INTERVAL = Duration.ofMillis(300);
    /** Kinesis allows 5 GetRecords calls per second per shard. */
    public static final Duration MIN_SHARD_FETCH_INTERVAL = Duration.ofMillis(200);

    public static final Duration DEFAULT_MAX_FETCH_DURATION = Duration.ofSeconds(10);

    public static final Duration DEFAULT_SHARD_LIST_REFRESH_INTERVAL = Duration.ofSeconds(60);
    /** Resharding takes seconds to minutes; listing shards more often than once a second only costs calls. */
    public static final Duration MIN_SHARD_LIST_REFRESH_INTERVAL = Duration.ofSeconds(1);

    public static final boolean DEFAULT_FAIL_ON_DATA_LOSS = true;

    public static final String CONSUMER_MODE_POLLING = "polling";
    public static final String CONSUMER_MODE_EFO = "efo";
    public static final String DEFAULT_CONSUMER_MODE = CONSUMER_MODE_POLLING;
    public static final boolean DEFAULT_REQUIRE_CONSUMER_DEREGISTRATION = false;

    private KnownOptions() {
    }
}
