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
        // PySpark's contract: the three STS values come together.
        boolean noSts = stsAssumeRoleArn == null && stsSessionName == null && stsExternalId == null;
        boolean fullSts = stsAssumeRoleArn != null && stsSessionName != null && stsExternalId != null;
        if (!noSts && !fullSts) {
            throw new IllegalArgumentException(
                    "stsAssumeRoleArn, stsSessionName and stsExternalId must all be set or all be None");
        }
        return KinesisInputDStream.builder()
                .streamingContext(jssc)
                .checkpointAppName(kinesisAppName)
                .streamName(streamName)
                .endpointUrl(endpointUrl)
                .regionName(regionName)
                .initialPosition(PythonArguments.initialPosition(initialPositionInStream))
                .checkpointInterval(checkpointInterval)
                .metricsLevel(PythonArguments.metricsLevel(metricsLevel))
                .storageLevel(storageLevel)
                .kinesisCredentials(PythonArguments.credentials(awsAccessKeyId, awsSecretKey, stsAssumeRoleArn,
                        stsSessionName, stsExternalId))
                .build()
                .asJava();
    }
}
