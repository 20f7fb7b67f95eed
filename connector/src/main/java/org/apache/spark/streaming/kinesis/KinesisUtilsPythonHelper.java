package org.apache.spark.streaming.kinesis;

import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaReceiverInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * The JVM side of PySpark's {@code pyspark.streaming.kinesis.KinesisUtils.createStream}: PySpark creates this
 * class through py4j and calls {@link #createStream}, so existing PySpark Kinesis jobs run on this connector by
 * putting its jar on the classpath.
 *
 * <pre>{@code
 * from pyspark.streaming.kinesis import KinesisUtils, InitialPositionInStream
 * lines = KinesisUtils.createStream(ssc, "my-app", "my-stream", "https://kinesis.eu-west-1.amazonaws.com",
 *                                   "eu-west-1", InitialPositionInStream.LATEST, 2)
 * }</pre>
 */
public final class KinesisUtilsPythonHelper {

    /** PySpark's {@code InitialPositionInStream} constants. */
    static final int LATEST = 0;
    static final int TRIM_HORIZON = 1;
    /** PySpark's {@code MetricsLevel} constants. */
    static final int METRICS_DETAILED = 0;
    static final int METRICS_SUMMARY = 1;
    static final int METRICS_NONE = 2;

    public KinesisUtilsPythonHelper() {
    }

    /**
     * A stream of each record's bytes, as PySpark expects (it decodes them in Python).
     *
     * @param initialPositionInStream 0 = LATEST, 1 = TRIM_HORIZON
     * @param metricsLevel            0 = DETAILED, 1 = SUMMARY, 2 = NONE
     * @param awsAccessKeyId          with {@code awsSecretKey}: basic credentials; both null: the default chain
     * @param stsAssumeRoleArn        with the session name and external id (all set or all null): an STS role,
     *                                assumed with the basic credentials when given
     * @throws IllegalArgumentException for an unknown position or metrics level, or half-given credentials
     */
    public JavaReceiverInputDStream<byte[]> createStream(JavaStreamingContext jssc, String kinesisAppName,
            String streamName, String endpointUrl, String regionName, int initialPositionInStream,
            Duration checkpointInterval, int metricsLevel, StorageLevel storageLevel, String awsAccessKeyId,
            String awsSecretKey, String stsAssumeRoleArn, String stsSessionName, String stsExternalId) {
        if ((awsAccessKeyId == null) != (awsSecretKey == null)) {
            throw new IllegalArgumentException("awsAccessKeyId and awsSecretKey must both be set or both be None");
        }
        if (!(stsAssumeRoleArn == null && stsSessionName == null && stsExternalId == null)
                && !(stsAssumeRoleArn != null && stsSessionName != null && stsExternalId != null)) {
            throw new IllegalArgumentException(
                    "stsAssumeRoleArn, stsSessionName and stsExternalId must all be set or all be None");
        }
        SparkAWSCredentials.Builder credentials = SparkAWSCredentials.builder();
        if (awsAccessKeyId != null) {
            credentials.basicCredentials(awsAccessKeyId, awsSecretKey);
        }
        if (stsAssumeRoleArn != null) {
            credentials.stsCredentials(stsAssumeRoleArn, stsSessionName, stsExternalId);
        }
        return KinesisInputDStream.builder()
                .streamingContext(jssc)
                .checkpointAppName(kinesisAppName)
                .streamName(streamName)
                .endpointUrl(endpointUrl)
                .regionName(regionName)
                .initialPosition(initialPosition(initialPositionInStream))
                .checkpointInterval(checkpointInterval)
                .metricsLevel(metricsLevel(metricsLevel))
                .storageLevel(storageLevel)
                .kinesisCredentials(credentials.build())
                .build()
                .asJava();
    }

    private static KinesisInitialPosition initialPosition(int code) {
        return switch (code) {
            case LATEST -> new KinesisInitialPositions.Latest();
            case TRIM_HORIZON -> new KinesisInitialPositions.TrimHorizon();
            default -> throw new IllegalArgumentException("Illegal InitialPositionInStream " + code
                    + ": use InitialPositionInStream.LATEST (0) or InitialPositionInStream.TRIM_HORIZON (1)");
        };
    }

    private static MetricsLevel metricsLevel(int code) {
        return switch (code) {
            case METRICS_DETAILED -> MetricsLevel.DETAILED;
            case METRICS_SUMMARY -> MetricsLevel.SUMMARY;
            case METRICS_NONE -> MetricsLevel.NONE;
            default -> throw new IllegalArgumentException("Illegal MetricsLevel " + code
                    + ": use MetricsLevel.DETAILED (0), MetricsLevel.SUMMARY (1) or MetricsLevel.NONE (2)");
        };
    }
}
