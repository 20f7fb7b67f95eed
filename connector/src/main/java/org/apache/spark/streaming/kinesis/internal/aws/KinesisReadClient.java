package org.apache.spark.streaming.kinesis.internal.aws;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.utils.IoUtils;

/**
 * A plain, synchronous Kinesis client for re-reading records on an executor, with the stream's region, endpoint and
 * credentials. The SDK does not retry: the caller retries with Spark's {@code spark.streaming.kinesis.retry.*}
 * settings, so that {@code maxAttempts} means what it says.
 */
public final class KinesisReadClient implements AutoCloseable {

    private static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final AwsCredentialsProvider credentials;
    private final KinesisClient kinesis;

    public KinesisReadClient(KinesisConnection connection) {
        Region region = connection.region();
        this.credentials = connection.credentials().provider(region);
        var builder = KinesisClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(API_CALL_TIMEOUT));
        connection.endpoint().ifPresent(builder::endpointOverride);
        this.kinesis = builder.build();
    }

    public KinesisClient kinesis() {
        return kinesis;
    }

    @Override
    public void close() {
        kinesis.close();
        IoUtils.closeIfCloseable(credentials, null);
    }
}
