package io.github.sparkkinesis.examples;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** The plain Kinesis clients the examples use besides the DStream (to put records and count shards). */
final class KinesisClients {

    private static final Pattern AWS_HOST = Pattern.compile("[a-z-]+\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

    private KinesisClients() {
    }

    /** A client for {@code endpoint} in {@code region}; credentials from the SDK's default chain. */
    static KinesisClient create(String endpoint, Region region) {
        return KinesisClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(region)
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** The region named by an AWS endpoint's host, else the SDK's default region, else us-east-1. */
    static Region regionOf(String endpoint) {
        String host = URI.create(endpoint).getHost();
        Matcher matcher = AWS_HOST.matcher(host == null ? "" : host);
        if (matcher.matches()) {
            return Region.of(matcher.group(1));
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException noDefaultRegion) {
            return Region.US_EAST_1;
        }
    }
}
