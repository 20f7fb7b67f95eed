package org.apache.spark.streaming.kinesis.internal.aws;

import java.net.URI;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.endpoints.KinesisEndpointProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

/**
 * The endpoint an AWS client calls, for error messages and probes: the one it was given or found in the standard
 * settings ({@code AWS_ENDPOINT_URL_DYNAMODB}, {@code aws.endpointUrlDynamoDb}...), else its region's.
 */
public final class ClientEndpoints {

    private ClientEndpoints() {
    }

    public static URI of(DynamoDbAsyncClient client) {
        return of(client, region -> DynamoDbEndpointProvider.defaultProvider()
                .resolveEndpoint(p -> p.region(region)).join().url());
    }

    public static URI of(KinesisAsyncClient client) {
        return of(client, region -> KinesisEndpointProvider.defaultProvider()
                .resolveEndpoint(p -> p.region(region)).join().url());
    }

    public static URI of(StsClient client) {
        return of(client, region -> StsEndpointProvider.defaultProvider()
                .resolveEndpoint(p -> p.region(region)).join().url());
    }

    private static URI of(SdkClient client, Function<Region, URI> regionalEndpoint) {
        AwsServiceClientConfiguration configuration = (AwsServiceClientConfiguration) client.serviceClientConfiguration();
        return configuration.endpointOverride().orElseGet(() -> regionalEndpoint.apply(configuration.region()));
    }
}
