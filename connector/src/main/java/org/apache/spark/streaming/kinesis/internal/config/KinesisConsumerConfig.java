package org.apache.spark.streaming.kinesis.internal.config;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.kinesis.KinesisInitialPosition;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisConnection;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.endpoints.KinesisEndpointProvider;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * Everything a Kinesis receiver needs to know, validated once by {@link KinesisConsumerConfigBuilder} and
 * immutable afterwards. It travels with the DStream to the executors and into DStream checkpoints.
 */
public final class KinesisConsumerConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String streamName;
    private final String checkpointAppName;
    private final URI kinesisEndpoint;
    private final String regionName;
    private final KinesisInitialPosition initialPosition;
    private final Duration checkpointInterval;
    private final StorageLevel storageLevel;
    private final SparkAWSCredentials kinesisCredentials;
    private final SparkAWSCredentials dynamoDBCredentials;
    private final SparkAWSCredentials cloudWatchCredentials;
    private final URI dynamoDBEndpoint;
    private final URI cloudWatchEndpoint;
    private final MetricsLevel metricsLevel;
    private final Set<String> metricsEnabledDimensions;
    private final KclTuning kclTuning;
    private final PollingSettings polling;
    private final FanOutSettings fanOut;

    KinesisConsumerConfig(KinesisConsumerConfigBuilder builder) {
        this.streamName = builder.streamName;
        this.checkpointAppName = builder.checkpointAppName;
        this.kinesisEndpoint = builder.kinesisEndpoint;
        this.regionName = builder.regionName;
        this.initialPosition = builder.initialPosition;
        this.checkpointInterval = builder.checkpointInterval;
        this.storageLevel = builder.storageLevel;
        this.kinesisCredentials = builder.kinesisCredentials;
        this.dynamoDBCredentials = builder.dynamoDBCredentials;
        this.cloudWatchCredentials = builder.cloudWatchCredentials;
        this.dynamoDBEndpoint = builder.dynamoDBEndpoint;
        this.cloudWatchEndpoint = builder.cloudWatchEndpoint;
        this.metricsLevel = builder.metricsLevel;
        this.metricsEnabledDimensions =
                Collections.unmodifiableSet(new LinkedHashSet<>(builder.metricsEnabledDimensions));
        this.kclTuning = builder.kclTuning;
        this.polling = builder.polling;
        this.fanOut = builder.fanOut;
    }

    public String streamName() {
        return streamName;
    }

    /** The KCL application name: the DynamoDB lease table and the CloudWatch namespace. */
    public String checkpointAppName() {
        return checkpointAppName;
    }

    /** The Kinesis endpoint override; empty means the region's standard endpoint. */
    public Optional<URI> kinesisEndpoint() {
        return Optional.ofNullable(kinesisEndpoint);
    }

    /**
     * The Kinesis endpoint: the override, or else the region's standard endpoint by the AWS SDK's endpoint rules
     * (which the SDK may still replace with {@code AWS_ENDPOINT_URL_KINESIS} and the like).
     */
    public URI kinesisEndpointOrStandard() {
        return kinesisEndpoint != null ? kinesisEndpoint : KinesisEndpointProvider.defaultProvider()
                .resolveEndpoint(params -> params.region(Region.of(regionName))).join().url();
    }

    public String regionName() {
        return regionName;
    }

    public KinesisInitialPosition initialPosition() {
        return initialPosition;
    }

    /** The checkpoint interval; empty means the streaming context's batch duration. */
    public Optional<Duration> checkpointInterval() {
        return Optional.ofNullable(checkpointInterval);
    }

    public StorageLevel storageLevel() {
        return storageLevel;
    }

    /** Region, endpoint and credentials of the Kinesis calls. */
    public KinesisConnection kinesisConnection() {
        return new KinesisConnection(regionName(), kinesisEndpoint().orElse(null), kinesisCredentials());
    }

    public SparkAWSCredentials kinesisCredentials() {
        return kinesisCredentials;
    }

    /** DynamoDB credentials, defaulting to the Kinesis ones. */
    public SparkAWSCredentials dynamoDBCredentials() {
        return dynamoDBCredentials != null ? dynamoDBCredentials : kinesisCredentials;
    }

    /** CloudWatch credentials, defaulting to the Kinesis ones. */
    public SparkAWSCredentials cloudWatchCredentials() {
        return cloudWatchCredentials != null ? cloudWatchCredentials : kinesisCredentials;
    }

    /** The DynamoDB credentials as set; empty means the Kinesis ones are used. */
    public Optional<SparkAWSCredentials> dynamoDBCredentialsIfSet() {
        return Optional.ofNullable(dynamoDBCredentials);
    }

    /** The CloudWatch credentials as set; empty means the Kinesis ones are used. */
    public Optional<SparkAWSCredentials> cloudWatchCredentialsIfSet() {
        return Optional.ofNullable(cloudWatchCredentials);
    }

    /** The DynamoDB endpoint override; empty means the SDK's endpoint resolution (incl. AWS_ENDPOINT_URL_*). */
    public Optional<URI> dynamoDBEndpoint() {
        return Optional.ofNullable(dynamoDBEndpoint);
    }

    /** The CloudWatch endpoint override; empty means the SDK's endpoint resolution (incl. AWS_ENDPOINT_URL_*). */
    public Optional<URI> cloudWatchEndpoint() {
        return Optional.ofNullable(cloudWatchEndpoint);
    }

    public MetricsLevel metricsLevel() {
        return metricsLevel;
    }

    public Set<String> metricsEnabledDimensions() {
        return metricsEnabledDimensions;
    }

    /** KCL timings (lease failover, assignment) that are not part of Spark's builder. */
    public KclTuning kclTuning() {
        return kclTuning;
    }

    /** How the stream is read with enhanced fan-out; empty: it is polled (see {@link #polling()}). */
    public Optional<FanOutSettings> fanOut() {
        return Optional.ofNullable(fanOut);
    }

    /** How shards are polled with GetRecords (unless the stream is read with enhanced fan-out). */
    public PollingSettings polling() {
        return polling;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KinesisConsumerConfig that
                && streamName.equals(that.streamName)
                && checkpointAppName.equals(that.checkpointAppName)
                && Objects.equals(kinesisEndpoint, that.kinesisEndpoint)
                && regionName.equals(that.regionName)
                && initialPosition.equals(that.initialPosition)
                && Objects.equals(checkpointInterval, that.checkpointInterval)
                && storageLevel.equals(that.storageLevel)
                && kinesisCredentials.equals(that.kinesisCredentials)
                && Objects.equals(dynamoDBCredentials, that.dynamoDBCredentials)
                && Objects.equals(cloudWatchCredentials, that.cloudWatchCredentials)
                && Objects.equals(dynamoDBEndpoint, that.dynamoDBEndpoint)
                && Objects.equals(cloudWatchEndpoint, that.cloudWatchEndpoint)
                && metricsLevel == that.metricsLevel
                && metricsEnabledDimensions.equals(that.metricsEnabledDimensions)
                && kclTuning.equals(that.kclTuning)
                && polling.equals(that.polling)
                && Objects.equals(fanOut, that.fanOut);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamName, checkpointAppName, kinesisEndpoint, regionName, initialPosition,
                checkpointInterval, storageLevel, kinesisCredentials, dynamoDBCredentials, cloudWatchCredentials,
                dynamoDBEndpoint, cloudWatchEndpoint, metricsLevel, metricsEnabledDimensions, kclTuning, polling,
                fanOut);
    }

    /** A description for logs; credentials print without secrets. */
    @Override
    public String toString() {
        return "KinesisConsumerConfig[stream=" + streamName + ", app=" + checkpointAppName
                + ", region=" + regionName
                + ", kinesisEndpoint=" + kinesisEndpoint().map(URI::toString).orElse("(regional default)")
                + ", dynamoDBEndpoint=" + dynamoDBEndpoint().map(URI::toString).orElse("(SDK default)")
                + ", cloudWatchEndpoint=" + cloudWatchEndpoint().map(URI::toString).orElse("(SDK default)")
                + ", initialPosition=" + initialPosition
                + ", checkpointInterval=" + checkpointInterval().map(Duration::toString).orElse("(batch duration)")
                + ", storageLevel=" + storageLevel.description()
                + ", kinesisCredentials=" + kinesisCredentials
                + ", dynamoDBCredentials=" + dynamoDBCredentials()
                + ", cloudWatchCredentials=" + cloudWatchCredentials()
                + ", metricsLevel=" + metricsLevel + ", metricsEnabledDimensions=" + metricsEnabledDimensions
                + ", " + kclTuning + ", " + (fanOut != null ? fanOut : polling) + "]";
    }
}
