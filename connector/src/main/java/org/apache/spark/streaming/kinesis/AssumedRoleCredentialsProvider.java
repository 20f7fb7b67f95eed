package org.apache.spark.streaming.kinesis;

import org.apache.spark.streaming.kinesis.internal.aws.AssumeRoleException;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The credentials of a role assumed through STS, whose failures name the role and the STS endpoint
 * ({@link AssumeRoleException}): the AWS SDK reports a credentials provider's failure as the failure of the call
 * that needed the credentials, so an unreachable STS would otherwise read as an unreachable Kinesis or DynamoDB.
 */
final class AssumedRoleCredentialsProvider implements AwsCredentialsProvider {

    private final AwsCredentialsProvider assumeRole;
    private final String roleArn;
    private final String stsEndpoint;

    AssumedRoleCredentialsProvider(AwsCredentialsProvider assumeRole, String roleArn, String stsEndpoint) {
        this.assumeRole = assumeRole;
        this.roleArn = roleArn;
        this.stsEndpoint = stsEndpoint;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return assumeRole.resolveCredentials();
        } catch (RuntimeException e) {
            throw new AssumeRoleException(roleArn, stsEndpoint, e);
        }
    }

    @Override
    public String toString() {
        return assumeRole.toString();
    }
}
