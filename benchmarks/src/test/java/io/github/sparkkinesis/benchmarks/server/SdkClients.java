package io.github.sparkkinesis.benchmarks.server;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * SDK clients for the tests, configured as the connector configures them, plus a record of the Content-Type each
 * request went out with, to prove which wire format a client really used.
 */
final class SdkClients {

    /** The SDK reads this property once per client, when the client is built. */
    private static final String CBOR_PROPERTY = "aws.cborEnabled";

    /** The Content-Type headers of the requests sent by clients made here, in order. */
    static final List<String> SENT_CONTENT_TYPES = new CopyOnWriteArrayList<>();

    private SdkClients() {
    }

    /** A synchronous client with the SDK's defaults, so CBOR. */
    static KinesisClient cbor(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ContentTypeRecorder()))
                .build();
    }

    /** A CBOR client that never retries: every throttling answer reaches the caller. */
    static KinesisClient withoutRetries(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /**
     * A synchronous client speaking JSON. The SDK has no per-client switch: its protocol factory reads
     * {@code aws.cborEnabled} when the client is constructed, so the property is set only while this one is built.
     */
    static KinesisClient json(URI endpoint) {
        synchronized (SdkClients.class) {
            String previous = System.getProperty(CBOR_PROPERTY);
            System.setProperty(CBOR_PROPERTY, "false");
            try {
                return cbor(endpoint);
            } finally {
                if (previous == null) {
                    System.clearProperty(CBOR_PROPERTY);
                } else {
                    System.setProperty(CBOR_PROPERTY, previous);
                }
            }
        }
    }

    /**
     * An asynchronous client on the SDK's Netty HTTP client: over HTTP/1.1 as our connector's KCL uses it, over
     * HTTP/2 (cleartext, prior knowledge) as the KCL's own client factory, and so Spark's connector, does.
     */
    static KinesisAsyncClient async(URI endpoint, Protocol protocol) {
        return KinesisAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(protocol))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ContentTypeRecorder()))
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("fast", "kinesis"));
    }

    private static final class ContentTypeRecorder implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            SENT_CONTENT_TYPES.add(context.httpRequest().firstMatchingHeader("Content-Type").orElse("(none)"));
        }
    }
}
