package org.apache.spark.streaming.kinesis;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.streaming.kinesis.internal.aws.ClientEndpoints;
import org.apache.spark.streaming.kinesis.internal.config.EndpointUrls;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Credentials of an IAM role assumed through STS, refreshed before they expire. The STS calls are signed with
 * the long-lived credentials (basic keys or the default chain) and go to the regional STS endpoint, or to the
 * STS endpoint given to the builder.
 */
final class STSCredentials implements SparkAWSCredentials {
    private static final long serialVersionUID = 1L;

    // The AssumeRole API's own constraints, checked here so a typo fails at build time rather than on an executor.
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");
    private static final Region FALLBACK_STS_REGION = Region.US_EAST_1;
    // Standard STS host names that say their region: sts.<region>.amazonaws.com, sts-fips.<region>..., the .cn
    // partition, and VPC endpoints (vpce-<id>[-<zone>].sts.<region>.vpce.amazonaws.com). AWS rejects a request
    // signed for another region than the endpoint's, so these hosts decide the signing region.
    private static final Pattern REGIONAL_STS_HOST = Pattern.compile(
            "(?:vpce-[a-z0-9-]+\\.)?(?:sts|sts-fips)\\.([a-z0-9-]+)\\.(?:vpce\\.)?amazonaws\\.com(?:\\.cn)?");
    private static final String GLOBAL_STS_HOST = "sts.amazonaws.com";

    private final String roleArn;
    private final String roleSessionName;
    private final String externalId;
    private final SparkAWSCredentials longLivedCredentials;
    // Null: the SDK's endpoint for the client's region. Added after the first release; Java serialization reads
    // older checkpoints with it null, which is what they meant.
    private final URI stsEndpoint;

    STSCredentials(String roleArn, String roleSessionName, String externalId,
            SparkAWSCredentials longLivedCredentials, URI stsEndpoint) {
        this.roleArn = roleArn;
        this.roleSessionName = roleSessionName;
        this.externalId = externalId;
        this.longLivedCredentials = longLivedCredentials;
        this.stsEndpoint = stsEndpoint;
    }

    /** The STS endpoint URL given to the builder, or null for none; checked as the Kinesis endpoint is. */
    static URI validEndpoint(String raw) {
        return EndpointUrls.parse(raw, "stsEndpointUrl",
                "https://sts.eu-west-1.amazonaws.com or http://localhost:4566");
    }

    /** The region to sign STS calls for: the one a standard STS host names, otherwise the client's. */
    static Region signingRegion(URI endpoint, Region clientRegion) {
        if (endpoint == null) {
            return clientRegion;
        }
        String host = endpoint.getHost().toLowerCase(Locale.ROOT);
        if (host.equals(GLOBAL_STS_HOST)) {
            return Region.US_EAST_1;
        }
        Matcher regional = REGIONAL_STS_HOST.matcher(host);
        return regional.matches() ? Region.of(regional.group(1)) : clientRegion;
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
        StsClientBuilder stsBuilder = StsClient.builder()
                .region(signingRegion(stsEndpoint, clientRegion))
                .credentialsProvider(longLived)
                .httpClientBuilder(ApacheHttpClient.builder());
        if (stsEndpoint != null) {
            stsBuilder.endpointOverride(stsEndpoint);
        }
        StsClient sts = stsBuilder.build();
        StsAssumeRoleCredentialsProvider assumeRole = StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request -> request.roleArn(roleArn)
                        .roleSessionName(roleSessionName)
                        .externalId(externalId))
                .build();
        return new ClosingCredentialsProvider(
                new AssumedRoleCredentialsProvider(assumeRole, roleArn, ClientEndpoints.of(sts).toString()),
                assumeRole, sts, longLived);
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

    URI stsEndpoint() {
        return stsEndpoint;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof STSCredentials that
                && Objects.equals(roleArn, that.roleArn)
                && Objects.equals(roleSessionName, that.roleSessionName)
                && Objects.equals(externalId, that.externalId)
                && Objects.equals(longLivedCredentials, that.longLivedCredentials)
                && Objects.equals(stsEndpoint, that.stsEndpoint);
    }

    @Override
    public int hashCode() {
        return Objects.hash(roleArn, roleSessionName, externalId, longLivedCredentials, stsEndpoint);
    }

    @Override
    public String toString() {
        return "STSCredentials(roleArn=" + roleArn + ", sessionName=" + roleSessionName
                + ", externalId=" + (externalId == null ? "none" : "****")
                + ", longLivedCredentials=" + longLivedCredentials
                + (stsEndpoint == null ? "" : ", stsEndpoint=" + stsEndpoint) + ")";
    }
}
