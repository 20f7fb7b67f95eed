package org.apache.spark.streaming.kinesis.internal.config;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.kinesis.KinesisInitialPosition;
import org.apache.spark.streaming.kinesis.KinesisInitialPositions;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.MetricsScope;
import software.amazon.kinesis.metrics.MetricsUtil;

/**
 * Collects the settings of a Kinesis DStream and validates them all in {@link #build()}, so that a mistake fails
 * on the driver with a message naming the setting, not later on an executor. A null value means "not set".
 */
public final class KinesisConsumerConfigBuilder {

    /** Spark's connector defaults to this endpoint; it is also what the SDK picks for the default region. */
    public static final String DEFAULT_KINESIS_ENDPOINT_URL = "https://kinesis.us-east-1.amazonaws.com";
    public static final String DEFAULT_REGION_NAME = "us-east-1";
    public static final MetricsLevel DEFAULT_METRICS_LEVEL = MetricsLevel.DETAILED;
    public static final Set<String> DEFAULT_METRICS_ENABLED_DIMENSIONS =
            Set.of(MetricsUtil.OPERATION_DIMENSION_NAME, MetricsUtil.SHARD_ID_DIMENSION_NAME);

    /** Dimensions the KCL can attach to its CloudWatch metrics ("ALL" enables every one). */
    static final Set<String> KNOWN_METRICS_DIMENSIONS = Set.of(MetricsUtil.OPERATION_DIMENSION_NAME,
            MetricsUtil.SHARD_ID_DIMENSION_NAME, MetricsUtil.STREAM_IDENTIFIER, "WorkerIdentifier",
            MetricsScope.METRICS_DIMENSIONS_ALL);

    // Kinesis: 1-128 of [a-zA-Z0-9_.-]. The application name is also a DynamoDB table name: 3-255 of the same.
    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final Pattern APP_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    // Host names that say their region: kinesis.<region>.amazonaws.com, kinesis-fips.<region>.amazonaws.com, the
    // .cn partition, and VPC endpoints (vpce-<id>[-<zone>].kinesis.<region>.vpce.amazonaws.com).
    private static final Pattern REGIONAL_AWS_HOST = Pattern.compile(
            "(?:vpce-[a-z0-9-]+\\.)?(?:kinesis|kinesis-fips)\\.([a-z0-9-]+)\\.(?:vpce\\.)?amazonaws\\.com(?:\\.cn)?");
    // What AWS region names look like (us-east-1, us-gov-west-1, eu-isoe-west-1): accepted beyond the SDK's list
    // when an endpoint is given, so a region newer than the bundled SDK can be used.
    private static final Pattern REGION_NAME = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-[0-9]{1,2}");

    String streamName;
    String checkpointAppName;
    URI kinesisEndpoint;
    String regionName = DEFAULT_REGION_NAME;
    KinesisInitialPosition initialPosition = new KinesisInitialPositions.Latest();
    Duration checkpointInterval;
    StorageLevel storageLevel = StorageLevel.MEMORY_AND_DISK_2();
    SparkAWSCredentials kinesisCredentials = SparkAWSCredentials.builder().build();
    SparkAWSCredentials dynamoDBCredentials;
    SparkAWSCredentials cloudWatchCredentials;
    URI dynamoDBEndpoint;
    URI cloudWatchEndpoint;
    MetricsLevel metricsLevel = DEFAULT_METRICS_LEVEL;
    Set<String> metricsEnabledDimensions = DEFAULT_METRICS_ENABLED_DIMENSIONS;
    KclTuning kclTuning = KclTuning.DEFAULTS;
    PollingSettings polling;
    FanOutSettings fanOut;

    // Raw values, validated in build().
    private String rawKinesisEndpoint;
    private String rawDynamoDBEndpoint;
    private String rawCloudWatchEndpoint;
    private String rawRegionName;
    private Long checkpointIntervalMillis;
    private Set<String> rawDimensions;
    private Integer maxRecordsPerRead;
    private Long idleTimeBetweenReadsMillis;
    private Long maxPrefetchBytesPerShard;
    private Long maxPrefetchBytesPerReceiver;
    private Long leaseFailoverTimeMillis;
    private String fanOutConsumerName;
    private String fanOutConsumerArn;

    public KinesisConsumerConfigBuilder streamName(String value) {
        this.streamName = value;
        return this;
    }

    public KinesisConsumerConfigBuilder checkpointAppName(String value) {
        this.checkpointAppName = value;
        return this;
    }

    public KinesisConsumerConfigBuilder endpointUrl(String value) {
        this.rawKinesisEndpoint = value;
        return this;
    }

    public KinesisConsumerConfigBuilder regionName(String value) {
        this.rawRegionName = value;
        return this;
    }

    public KinesisConsumerConfigBuilder initialPosition(KinesisInitialPosition value) {
        this.initialPosition = value != null ? value : new KinesisInitialPositions.Latest();
        return this;
    }

    public KinesisConsumerConfigBuilder checkpointIntervalMillis(Long value) {
        this.checkpointIntervalMillis = value;
        return this;
    }

    public KinesisConsumerConfigBuilder storageLevel(StorageLevel value) {
        this.storageLevel = value != null ? value : StorageLevel.MEMORY_AND_DISK_2();
        return this;
    }

    public KinesisConsumerConfigBuilder kinesisCredentials(SparkAWSCredentials value) {
        this.kinesisCredentials = value != null ? value : SparkAWSCredentials.builder().build();
        return this;
    }

    public KinesisConsumerConfigBuilder dynamoDBCredentials(SparkAWSCredentials value) {
        this.dynamoDBCredentials = value;
        return this;
    }

    public KinesisConsumerConfigBuilder cloudWatchCredentials(SparkAWSCredentials value) {
        this.cloudWatchCredentials = value;
        return this;
    }

    public KinesisConsumerConfigBuilder dynamoDBEndpointUrl(String value) {
        this.rawDynamoDBEndpoint = value;
        return this;
    }

    public KinesisConsumerConfigBuilder cloudWatchEndpointUrl(String value) {
        this.rawCloudWatchEndpoint = value;
        return this;
    }

    public KinesisConsumerConfigBuilder metricsLevel(MetricsLevel value) {
        this.metricsLevel = value != null ? value : DEFAULT_METRICS_LEVEL;
        return this;
    }

    public KinesisConsumerConfigBuilder metricsEnabledDimensions(Set<String> value) {
        this.rawDimensions = value == null ? null : new LinkedHashSet<>(value);
        return this;
    }

    public KinesisConsumerConfigBuilder maxRecordsPerRead(Integer value) {
        this.maxRecordsPerRead = value;
        return this;
    }

    public KinesisConsumerConfigBuilder idleTimeBetweenReadsMillis(Long value) {
        this.idleTimeBetweenReadsMillis = value;
        return this;
    }

    public KinesisConsumerConfigBuilder maxPrefetchBytesPerShard(Long value) {
        this.maxPrefetchBytesPerShard = value;
        return this;
    }

    public KinesisConsumerConfigBuilder maxPrefetchBytesPerReceiver(Long value) {
        this.maxPrefetchBytesPerReceiver = value;
        return this;
    }

    public KinesisConsumerConfigBuilder enhancedFanOutConsumerName(String value) {
        this.fanOutConsumerName = value;
        return this;
    }

    public KinesisConsumerConfigBuilder enhancedFanOutConsumerArn(String value) {
        this.fanOutConsumerArn = value;
        return this;
    }

    public KinesisConsumerConfigBuilder leaseFailoverTimeMillis(Long value) {
        this.leaseFailoverTimeMillis = value;
        return this;
    }

    public KinesisConsumerConfigBuilder kclTuning(KclTuning value) {
        this.kclTuning = value != null ? value : KclTuning.DEFAULTS;
        return this;
    }

    /**
     * Validates every setting and returns the immutable configuration.
     *
     * @throws IllegalArgumentException naming the first setting that is missing or invalid
     */
    public KinesisConsumerConfig build() {
        require(streamName, "streamName");
        require(checkpointAppName, "checkpointAppName");
        if (!STREAM_NAME.matcher(streamName).matches()) {
            throw new IllegalArgumentException("streamName '" + streamName + "' is not a valid Kinesis stream "
                    + "name: use 1 to 128 characters from letters, digits, '_', '-' and '.'");
        }
        if (!APP_NAME.matcher(checkpointAppName).matches()) {
            throw new IllegalArgumentException("checkpointAppName '" + checkpointAppName + "' cannot be used: it "
                    + "names the DynamoDB lease table, so use 3 to 255 characters from letters, digits, '_', '-' "
                    + "and '.'");
        }
        kinesisEndpoint = endpoint(rawKinesisEndpoint, "endpointUrl");
        dynamoDBEndpoint = endpoint(rawDynamoDBEndpoint, "dynamoDBEndpointUrl");
        cloudWatchEndpoint = endpoint(rawCloudWatchEndpoint, "cloudWatchEndpointUrl");
        regionName = validRegion(rawRegionName, kinesisEndpoint != null);
        checkRegionMatchesEndpoint();
        if (checkpointIntervalMillis != null && checkpointIntervalMillis <= 0) {
            throw new IllegalArgumentException("checkpointInterval must be positive, got "
                    + checkpointIntervalMillis + " ms");
        }
        checkpointInterval = checkpointIntervalMillis == null ? null : Duration.ofMillis(checkpointIntervalMillis);
        metricsEnabledDimensions = validDimensions(rawDimensions);
        polling = new PollingSettings(
                maxRecordsPerRead != null ? maxRecordsPerRead : PollingSettings.DEFAULT_MAX_RECORDS_PER_READ,
                idleTimeBetweenReadsMillis != null ? Duration.ofMillis(idleTimeBetweenReadsMillis)
                        : PollingSettings.DEFAULT_IDLE_TIME_BETWEEN_READS,
                maxPrefetchBytesPerShard != null ? maxPrefetchBytesPerShard
                        : PollingSettings.DEFAULT_MAX_PREFETCH_BYTES_PER_SHARD,
                maxPrefetchBytesPerReceiver != null ? maxPrefetchBytesPerReceiver
                        : PollingSettings.DEFAULT_MAX_PREFETCH_BYTES_PER_RECEIVER);
        if (leaseFailoverTimeMillis != null) {
            kclTuning = kclTuning.withFailoverTime(validFailoverTime(leaseFailoverTimeMillis));
        }
        fanOut = FanOutSettings.of(fanOutConsumerName, fanOutConsumerArn, streamName, regionName);
        if (fanOut != null) {
            rejectPollingOptions();
        }
        return new KinesisConsumerConfig(this);
    }

    /** Options that only tune GetRecords polling mean nothing with enhanced fan-out, where Kinesis pushes. */
    private void rejectPollingOptions() {
        String option = maxRecordsPerRead != null ? "maxRecordsPerRead"
                : idleTimeBetweenReadsMillis != null ? "idleTimeBetweenReads"
                : maxPrefetchBytesPerShard != null ? "maxPrefetchBytesPerShard"
                : maxPrefetchBytesPerReceiver != null ? "maxPrefetchBytesPerReceiver" : null;
        if (option != null) {
            throw new IllegalArgumentException(option + " tunes polling (GetRecords), but the DStream reads with "
                    + "enhanced fan-out (" + (fanOutConsumerName != null ? "enhancedFanOutConsumerName"
                    : "enhancedFanOutConsumerArn") + "), where Kinesis pushes records as they arrive: remove "
                    + option + ", or the fan-out option to poll");
        }
    }

    private static Duration validFailoverTime(long millis) {
        if (millis < KclTuning.MIN_FAILOVER_TIME.toMillis()) {
            throw new IllegalArgumentException("leaseFailoverTime must be at least "
                    + KclTuning.MIN_FAILOVER_TIME.toMillis() + " ms, got " + millis + " ms: each receiver renews "
                    + "its leases every third of it, and a lease not renewed within it (a long garbage collection "
                    + "is enough) moves to another receiver, which starts its shard again from the checkpoint");
        }
        return Duration.ofMillis(millis);
    }

    private static void require(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("No value provided for required parameter " + name);
        }
    }

    /**
     * The region, if the bundled SDK lists it, or if it is well-formed and the Kinesis endpoint is given: the SDK
     * signs for any region name, so only the endpoint has to be known. Without an endpoint, an unlisted name is
     * far more likely a typo than a region newer than the SDK.
     */
    private static String validRegion(String raw, boolean endpointGiven) {
        if (raw == null) {
            return DEFAULT_REGION_NAME;
        }
        String region = raw.trim();
        if (region.isEmpty()) {
            throw new IllegalArgumentException("regionName '" + raw + "' is empty: give an AWS region name such "
                    + "as \"eu-west-1\", or leave it unset for \"" + DEFAULT_REGION_NAME + "\"");
        }
        if (isListedRegion(region)) {
            return region;
        }
        String lowerCase = region.toLowerCase(Locale.ROOT);
        boolean wellFormed = REGION_NAME.matcher(lowerCase).matches();
        if (!lowerCase.equals(region) && (wellFormed || isListedRegion(lowerCase))) {
            throw new IllegalArgumentException("regionName '" + raw + "' has upper-case letters, but AWS region "
                    + "names are lower case: use regionName(\"" + lowerCase + "\")");
        }
        if (!wellFormed) {
            throw new IllegalArgumentException("regionName '" + raw + "' is not an AWS region name: region names "
                    + "are lower-case words and a number joined by '-', such as \"eu-west-1\"");
        }
        if (!endpointGiven) {
            throw new IllegalArgumentException("regionName '" + raw + "' is not a region the bundled AWS SDK "
                    + "knows: check its spelling (known regions include us-east-1, eu-west-1, ap-southeast-2); "
                    + "for a region newer than the SDK, also set endpointUrl to the region's Kinesis endpoint, "
                    + "e.g. https://kinesis." + region + ".amazonaws.com");
        }
        return region;
    }

    private static boolean isListedRegion(String region) {
        return Region.regions().stream().anyMatch(listed -> listed.id().equals(region));
    }

    private static URI endpoint(String raw, String setting) {
        return EndpointUrls.parse(raw, setting, "https://kinesis.us-east-1.amazonaws.com or http://localhost:4567");
    }

    private void checkRegionMatchesEndpoint() {
        if (kinesisEndpoint == null) {
            return;
        }
        Matcher host = REGIONAL_AWS_HOST.matcher(kinesisEndpoint.getHost().toLowerCase(Locale.ROOT));
        if (host.matches() && !host.group(1).equals(regionName)) {
            throw new IllegalArgumentException("endpointUrl " + kinesisEndpoint + " is in region " + host.group(1)
                    + " but regionName is " + regionName + " (the region is never derived from the endpoint); "
                    + "set regionName(\"" + host.group(1) + "\")");
        }
    }

    private static Set<String> validDimensions(Set<String> raw) {
        if (raw == null) {
            return DEFAULT_METRICS_ENABLED_DIMENSIONS;
        }
        Set<String> unknown = raw.stream()
                .filter(dimension -> dimension == null || !KNOWN_METRICS_DIMENSIONS.contains(dimension))
                .map(String::valueOf)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("metricsEnabledDimensions contains unknown dimensions " + unknown
                    + "; the KCL knows " + new TreeSet<>(KNOWN_METRICS_DIMENSIONS));
        }
        return raw;
    }
}
