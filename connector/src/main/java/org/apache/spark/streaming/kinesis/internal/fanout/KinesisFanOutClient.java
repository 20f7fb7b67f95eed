package org.apache.spark.streaming.kinesis.internal.fanout;

import org.apache.spark.streaming.kinesis.internal.aws.KinesisConnection;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.utils.IoUtils;

/**
 * An asynchronous Kinesis client for enhanced fan-out outside a receiver (the Structured Streaming source's driver
 * and executors): the connection's region, endpoint and credentials, HTTP/2 as {@link FanOutHttp} sets it. The SDK
 * retries as it does by default; subscriptions are re-established by their owner.
 */
public final class KinesisFanOutClient implements AutoCloseable {

    private final AwsCredentialsProvider credentials;
    private final KinesisAsyncClient kinesis;

    public KinesisFanOutClient(KinesisConnection connection) {
        Region region = connection.region();
        this.credentials = connection.credentials().provider(region);
        var builder = KinesisAsyncClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(FanOutHttp.configure(NettyNioAsyncHttpClient.builder()));
        connection.endpoint().ifPresent(builder::endpointOverride);
        this.kinesis = builder.build();
    }

    public KinesisAsyncClient kinesis() {
        return kinesis;
    }

    @Override
    public void close() {
        kinesis.close();
        IoUtils.closeIfCloseable(credentials, null);
    }
}
