package org.apache.spark.streaming.kinesis;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/** The AWS SDK's default provider chain (environment, system properties, profile, web identity, container, EC2). */
final class DefaultCredentials implements SparkAWSCredentials {
    private static final long serialVersionUID = 1L;

    static final DefaultCredentials INSTANCE = new DefaultCredentials();

    private DefaultCredentials() {
    }

    @Override
    public AwsCredentialsProvider provider() {
        return DefaultCredentialsProvider.builder().build();
    }

    private Object readResolve() {
        return INSTANCE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DefaultCredentials;
    }

    @Override
    public int hashCode() {
        return DefaultCredentials.class.hashCode();
    }

    @Override
    public String toString() {
        return "DefaultCredentials";
    }
}
