package org.apache.spark.streaming.kinesis;

import java.io.Serializable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Serializable AWS credentials for the Kinesis, DynamoDB and CloudWatch clients that a Kinesis DStream creates on
 * the executors. Build them with {@link #builder()}:
 *
 * <pre>{@code
 * SparkAWSCredentials defaultChain = SparkAWSCredentials.builder().build();
 * SparkAWSCredentials keys = SparkAWSCredentials.builder().basicCredentials(accessKeyId, secretKey).build();
 * SparkAWSCredentials role = SparkAWSCredentials.builder()
 *     .stsCredentials("arn:aws:iam::123456789012:role/kinesis-reader", "spark-app")
 *     .build();
 * SparkAWSCredentials roleAtRegionalSts = SparkAWSCredentials.builder()
 *     .stsCredentials("arn:aws:iam::123456789012:role/kinesis-reader", "spark-app")
 *     .stsEndpointUrl("https://sts.eu-west-1.amazonaws.com")
 *     .build();
 * }</pre>
 *
 * <p>The values are stored in DStream checkpoints, so prefer the default provider chain (instance profiles, web
 * identity, environment) or an STS role over long-lived keys. {@code toString()} never shows a secret key.
 */
public interface SparkAWSCredentials extends Serializable {

    /** A new SDK credentials provider. The caller closes it when it is {@link AutoCloseable}. */
    AwsCredentialsProvider provider();

    /**
     * A new SDK credentials provider for clients of {@code clientRegion}. The connector calls this with the
     * stream's region; STS credentials use it for their STS client. By default the same as {@link #provider()}.
     */
    default AwsCredentialsProvider provider(Region clientRegion) {
        return provider();
    }

    /** A builder for the default provider chain, basic keys, or an STS assume-role (optionally over basic keys). */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Builds {@link SparkAWSCredentials}: with nothing set, the SDK's default provider chain; with
     * {@link #basicCredentials}, those keys; with {@link #stsCredentials}, an assumed role whose long-lived
     * credentials are the basic keys when given, otherwise the default chain. Call order does not matter.
     */
    final class Builder {
        private BasicCredentials basic;
        private String roleArn;
        private String roleSessionName;
        private String externalId;
        private String stsEndpointUrl;

        Builder() {
        }

        /**
         * Use a fixed access key id and secret key (also as the long-lived credentials of an STS role).
         *
         * @throws IllegalArgumentException at {@link #build()} if either is null or blank
         */
        public Builder basicCredentials(String accessKeyId, String secretKey) {
            this.basic = new BasicCredentials(accessKeyId, secretKey);
            return this;
        }

        /** Assume the role {@code roleArn} through STS, naming the session {@code sessionName}. */
        public Builder stsCredentials(String roleArn, String sessionName) {
            return stsCredentials(roleArn, sessionName, null);
        }

        /**
         * Assume the role {@code roleArn} through STS with an external id (required by roles that a third party
         * assumes); {@code externalId} may be null.
         */
        public Builder stsCredentials(String roleArn, String sessionName, String externalId) {
            this.roleArn = roleArn;
            this.roleSessionName = sessionName;
            this.externalId = externalId;
            return this;
        }

        /**
         * Send the AssumeRole calls of {@link #stsCredentials} to this STS endpoint, such as a regional endpoint
         * ({@code https://sts.eu-west-1.amazonaws.com}), a VPC interface endpoint or a local test server. The
         * calls are signed for the region a standard AWS STS host name names ({@code sts.<region>.amazonaws.com},
         * {@code sts-fips...}, {@code vpce-...sts.<region>.vpce.amazonaws.com}; {@code us-east-1} for the global
         * {@code sts.amazonaws.com}), otherwise for the stream's region.
         *
         * <p>Default (also when {@code null}): the SDK's STS endpoint for the stream's region
         * ({@code https://sts.<region>.amazonaws.com}, or what {@code AWS_ENDPOINT_URL_STS} says).
         *
         * @throws IllegalArgumentException at {@link #build()} if it is not an http or https URL with a host
         *                                  name and a port from 1 to 65535, or if no STS role is set
         */
        public Builder stsEndpointUrl(String url) {
            this.stsEndpointUrl = url;
            return this;
        }

        /**
         * The credentials described by the calls so far.
         *
         * @throws IllegalArgumentException if a value is missing or malformed (blank keys, an ARN that is not an
         *                                  IAM role, an invalid session name or external id, an invalid STS
         *                                  endpoint or one without a role)
         */
        public SparkAWSCredentials build() {
            SparkAWSCredentials longLived = basic != null ? basic.validated() : DefaultCredentials.INSTANCE;
            if (roleArn == null && roleSessionName == null && externalId == null) {
                if (stsEndpointUrl != null) {
                    throw new IllegalArgumentException("stsEndpointUrl: it is only used to assume a role; also "
                            + "call stsCredentials(roleArn, sessionName), or remove stsEndpointUrl");
                }
                return longLived;
            }
            return new STSCredentials(roleArn, roleSessionName, externalId, longLived,
                    STSCredentials.validEndpoint(stsEndpointUrl)).validated();
        }
    }
}
