package org.apache.spark.streaming.kinesis;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaReceiverInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * The JVM side of this project's Python package ({@code spark_streaming_kinesis}), for what PySpark's own Kinesis
 * module cannot express: a start timestamp, DynamoDB and CloudWatch endpoints, metrics dimensions, separate
 * DynamoDB and CloudWatch credentials, the polling options and enhanced fan-out. Python creates it through py4j and calls one
 * setter per given option; every method takes only what py4j passes (strings or null, Python ints, a list of
 * strings, Spark's Duration and StorageLevel), and all checks happen in {@link #build()}, as in
 * {@link KinesisInputDStream.Builder}.
 *
 * <pre>{@code
 * from spark_streaming_kinesis import KinesisUtils, AtTimestamp
 * orders = KinesisUtils.createStream(ssc, "orders-app", "orders", "https://kinesis.eu-west-1.amazonaws.com",
 *                                    "eu-west-1", AtTimestamp(datetime(2026, 11, 1, tzinfo=timezone.utc)), 10,
 *                                    dynamoDBEndpointUrl="https://dynamodb.eu-west-1.amazonaws.com")
 * }</pre>
 */
public final class KinesisPythonStreamBuilder {

    private final KinesisInputDStream.Builder builder = KinesisInputDStream.builder();

    /** Starts a stream definition on {@code jssc} (the Python StreamingContext's {@code _jssc}). */
    public KinesisPythonStreamBuilder(JavaStreamingContext jssc) {
        builder.streamingContext(Objects.requireNonNull(jssc, "jssc"));
    }

    public KinesisPythonStreamBuilder checkpointAppName(String appName) {
        builder.checkpointAppName(appName);
        return this;
    }

    public KinesisPythonStreamBuilder streamName(String streamName) {
        builder.streamName(streamName);
        return this;
    }

    public KinesisPythonStreamBuilder endpointUrl(String url) {
        builder.endpointUrl(url);
        return this;
    }

    public KinesisPythonStreamBuilder regionName(String regionName) {
        builder.regionName(regionName);
        return this;
    }

    /** PySpark's {@code InitialPositionInStream}: 0 = LATEST, 1 = TRIM_HORIZON. */
    public KinesisPythonStreamBuilder initialPosition(int initialPositionInStream) {
        builder.initialPosition(PythonArguments.initialPosition(initialPositionInStream));
        return this;
    }

    /** Start at the first record put at or after this instant (milliseconds since the epoch). */
    public KinesisPythonStreamBuilder initialPositionAtTimestamp(long epochMillis) {
        builder.initialPosition(new KinesisInitialPositions.AtTimestamp(new java.util.Date(epochMillis)));
        return this;
    }

    public KinesisPythonStreamBuilder checkpointInterval(Duration interval) {
        builder.checkpointInterval(interval);
        return this;
    }

    public KinesisPythonStreamBuilder storageLevel(StorageLevel storageLevel) {
        builder.storageLevel(storageLevel);
        return this;
    }

    /** PySpark's {@code MetricsLevel}: 0 = DETAILED, 1 = SUMMARY, 2 = NONE. */
    public KinesisPythonStreamBuilder metricsLevel(int metricsLevel) {
        builder.metricsLevel(PythonArguments.metricsLevel(metricsLevel));
        return this;
    }

    /** Dimension names, e.g. {@code ["Operation", "ShardId"]} (a Python list arrives as a Java list). */
    public KinesisPythonStreamBuilder metricsEnabledDimensions(List<String> dimensions) {
        builder.metricsEnabledDimensions(dimensions == null ? null : new LinkedHashSet<>(dimensions));
        return this;
    }

    public KinesisPythonStreamBuilder dynamoDBEndpointUrl(String url) {
        builder.dynamoDBEndpointUrl(url);
        return this;
    }

    public KinesisPythonStreamBuilder cloudWatchEndpointUrl(String url) {
        builder.cloudWatchEndpointUrl(url);
        return this;
    }

    /** See {@link KinesisInputDStream.Builder#maxRecordsPerRead}. */
    public KinesisPythonStreamBuilder maxRecordsPerRead(int records) {
        builder.maxRecordsPerRead(records);
        return this;
    }

    /** See {@link KinesisInputDStream.Builder#idleTimeBetweenReads}. */
    public KinesisPythonStreamBuilder idleTimeBetweenReads(Duration pause) {
        builder.idleTimeBetweenReads(pause);
        return this;
    }

    /** See {@link KinesisInputDStream.Builder#maxPrefetchBytesPerShard}. */
    public KinesisPythonStreamBuilder maxPrefetchBytesPerShard(long bytes) {
        builder.maxPrefetchBytesPerShard(bytes);
        return this;
    }

    /** See {@link KinesisInputDStream.Builder#leaseFailoverTime}. */
    public KinesisPythonStreamBuilder leaseFailoverTime(Duration failoverTime) {
        builder.leaseFailoverTime(failoverTime);
        return this;
    }

    /** See {@link KinesisInputDStream.Builder#enhancedFanOutConsumerName}. */
    public KinesisPythonStreamBuilder enhancedFanOutConsumerName(String consumerName) {
        builder.enhancedFanOutConsumerName(consumerName);
        return this;
    }

    /** See {@link KinesisInputDStream.Builder#enhancedFanOutConsumerArn}. */
    public KinesisPythonStreamBuilder enhancedFanOutConsumerArn(String consumerArn) {
        builder.enhancedFanOutConsumerArn(consumerArn);
        return this;
    }

    /**
     * Credentials for Kinesis (and for DynamoDB and CloudWatch unless set separately): basic keys (both or none)
     * and an STS role (ARN and session name both or none; the external id is optional), assumed with the keys
     * when given. All null: the AWS SDK's default chain.
     */
    public KinesisPythonStreamBuilder kinesisCredentials(String accessKeyId, String secretKey, String roleArn,
            String sessionName, String externalId) {
        builder.kinesisCredentials(PythonArguments.credentials(accessKeyId, secretKey, roleArn, sessionName,
                externalId));
        return this;
    }

    /** Credentials for the lease table, as in {@link #kinesisCredentials}. */
    public KinesisPythonStreamBuilder dynamoDBCredentials(String accessKeyId, String secretKey, String roleArn,
            String sessionName, String externalId) {
        builder.dynamoDBCredentials(PythonArguments.credentials(accessKeyId, secretKey, roleArn, sessionName,
                externalId));
        return this;
    }

    /** Credentials for CloudWatch metrics, as in {@link #kinesisCredentials}. */
    public KinesisPythonStreamBuilder cloudWatchCredentials(String accessKeyId, String secretKey, String roleArn,
            String sessionName, String externalId) {
        builder.cloudWatchCredentials(PythonArguments.credentials(accessKeyId, secretKey, roleArn, sessionName,
                externalId));
        return this;
    }

    /**
     * The stream of each record's bytes (Python decodes them).
     *
     * @throws IllegalArgumentException naming the first invalid or missing setting
     */
    public JavaReceiverInputDStream<byte[]> build() {
        return builder.build().asJava();
    }
}
