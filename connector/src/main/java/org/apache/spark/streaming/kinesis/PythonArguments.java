package org.apache.spark.streaming.kinesis;

import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * The values Python passes through py4j (ints for enums, None as null, credentials as loose strings), turned into
 * the connector's types with errors that name the Python-side constant to use.
 */
final class PythonArguments {

    /** PySpark's {@code InitialPositionInStream} constants. */
    static final int LATEST = 0;
    static final int TRIM_HORIZON = 1;
    /** PySpark's {@code MetricsLevel} constants. */
    static final int METRICS_DETAILED = 0;
    static final int METRICS_SUMMARY = 1;
    static final int METRICS_NONE = 2;

    private PythonArguments() {
    }

    static KinesisInitialPosition initialPosition(int code) {
        return switch (code) {
            case LATEST -> new KinesisInitialPositions.Latest();
            case TRIM_HORIZON -> new KinesisInitialPositions.TrimHorizon();
            default -> throw new IllegalArgumentException("Illegal InitialPositionInStream " + code
                    + ": use InitialPositionInStream.LATEST (0) or InitialPositionInStream.TRIM_HORIZON (1)");
        };
    }

    static MetricsLevel metricsLevel(int code) {
        return switch (code) {
            case METRICS_DETAILED -> MetricsLevel.DETAILED;
            case METRICS_SUMMARY -> MetricsLevel.SUMMARY;
            case METRICS_NONE -> MetricsLevel.NONE;
            default -> throw new IllegalArgumentException("Illegal MetricsLevel " + code
                    + ": use MetricsLevel.DETAILED (0), MetricsLevel.SUMMARY (1) or MetricsLevel.NONE (2)");
        };
    }

    /**
     * Credentials from optional parts: basic keys (both or neither), and an STS role (ARN and session name both or
     * neither, external id only with them), assumed with the keys when given. Nothing given: the default chain.
     */
    static SparkAWSCredentials credentials(String accessKeyId, String secretKey, String roleArn, String sessionName,
            String externalId) {
        if ((accessKeyId == null) != (secretKey == null)) {
            throw new IllegalArgumentException("awsAccessKeyId and awsSecretKey must both be set or both be None");
        }
        if ((roleArn == null) != (sessionName == null) || (externalId != null && roleArn == null)) {
            throw new IllegalArgumentException("stsAssumeRoleArn and stsSessionName must both be set or both be None,"
                    + " and stsExternalId needs them");
        }
        SparkAWSCredentials.Builder credentials = SparkAWSCredentials.builder();
        if (accessKeyId != null) {
            credentials.basicCredentials(accessKeyId, secretKey);
        }
        if (roleArn != null) {
            if (externalId == null) {
                credentials.stsCredentials(roleArn, sessionName);
            } else {
                credentials.stsCredentials(roleArn, sessionName, externalId);
            }
        }
        return credentials.build();
    }
}
