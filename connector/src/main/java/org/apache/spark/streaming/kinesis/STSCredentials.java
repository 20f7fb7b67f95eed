package org.apache.spark.streaming.kinesis;

import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Credentials of an IAM role assumed through STS, refreshed before they expire. The STS calls are signed with
 * the long-lived credentials (basic keys or the default chain) and go to the regional STS endpoint.
 */
final class STSCredentials implements SparkAWSCredentials {
    private static final long serialVersionUID = 1L;

    // The AssumeRole API's own constraints, checked here so a typo fails at build time rather than on an executor.
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Region FALLBACK_STS_REGION = Region.US_EAST_1;

    private final String roleArn;
    private final String roleSessionName;
    private final String externalId;
    private final SparkAWSCredentials longLivedCredentials;

    STSCredentials(String roleArn, String roleSessionName, String externalId,
            SparkAWSCredentials longLivedCredentials) {
        this.roleArn = roleArn;
        this.roleSessionName = roleSessionName;
        this.externalId = externalId;
        this.longLivedCredentials = longLivedCredentials;
    }

    STSCredentials validated() {
        if (roleArn == null || roleArn.isBlank()) {
            throw new IllegalArgumentException("stsCredentials: the role ARN is null or blank");
        }
        Arn arn;
        try {
            arn = Arn.fromString(roleArn);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stsCredentials: '" + roleArn + "' is not an ARN; expected "
                    + "arn:aws:iam::<account-id>:role/<role-name>", e);
        }
        if (!"iam".equals(arn.service()) || !arn.resource().resourceType().map("role"::equals).orElse(false)) {
            throw new IllegalArgumentException("stsCredentials: '" + roleArn + "' is not an IAM role ARN; expected "
                    + "arn:aws:iam::<account-id>:role/<role-name>");
        }
        if (roleSessionName == null || !SESSION_NAME.matcher(roleSessionName).matches()) {
            throw new IllegalArgumentException("stsCredentials: invalid session name '" + roleSessionName
                    + "'; use 2-64 characters from letters, digits and +=,.@_-");
        }
        if (externalId != null && !EXTERNAL_ID.matcher(externalId).matches()) {
            throw new IllegalArgumentException("stsCredentials: invalid external id; use 2-1224 characters from "
                    + "letters, digits and +=,.@:/_-");
        }
        return this;
    }

    @Override
    public AwsCredentialsProvider provider() {
        return provider(defaultStsRegion());
    }

    @Override
    public AwsCredentialsProvider provider(Region clientRegion) {
        AwsCredentialsProvider longLived = longLivedCredentials.provider(clientRegion);
        StsClient sts = StsClient.builder()
                .region(clientRegion)
                .credentialsProvider(longLived)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
        StsAssumeRoleCredentialsProvider assumeRole = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request -> request.roleArn(roleArn)
                        .roleSessionName(roleSessionName)
                        .externalId(externalId))
                .build();
        return new ClosingCredentialsProvider(assumeRole, sts, longLived);
    }

    private static Region defaultStsRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException noRegionConfigured) {
            return FALLBACK_STS_REGION;
        }
    }

    String roleArn() {
        return roleArn;
    }

    String roleSessionName() {
        return roleSessionName;
    }

    String externalId() {
        return externalId;
    }

    SparkAWSCredentials longLivedCredentials() {
        return longLivedCredentials;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof STSCredentials that
                && Objects.equals(roleArn, that.roleArn)
                && Objects.equals(roleSessionName, that.roleSessionName)
                && Objects.equals(externalId, that.externalId)
                && Objects.equals(longLivedCredentials, that.longLivedCredentials);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roleArn, roleSessionName, externalId, longLivedCredentials);
    }

    @Override
    public String toString() {
        return "STSCredentials(roleArn=" + roleArn + ", sessionName=" + roleSessionName
                + ", externalId=" + (externalId == null ? "none" : "****")
                + ", longLivedCredentials=" + longLivedCredentials + ")";
    }
}
