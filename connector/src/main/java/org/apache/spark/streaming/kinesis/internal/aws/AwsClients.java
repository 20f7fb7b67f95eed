package org.apache.spark.streaming.kinesis.internal.aws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfig;
import org.apache.spark.streaming.kinesis.internal.fanout.FanOutHttp;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClientBuilder;
import software.amazon.awssdk.utils.IoUtils;

/**
 * The Kinesis, DynamoDB and CloudWatch clients of one receiver run, sharing one Netty event loop. Closing it
 * closes the clients, their credential providers and the event loop, so a stopped receiver leaves no threads.
 *
 * <p>The Kinesis client speaks HTTP/2 when the stream is read with enhanced fan-out (subscriptions are HTTP/2
 * streams, see {@link FanOutHttp}), HTTP/1.1 otherwise.
 *
 * <p>Clients use the configured endpoint when there is one; otherwise the SDK resolves it from the region and the
 * standard settings ({@code AWS_ENDPOINT_URL_DYNAMODB}, {@code aws.endpointUrlDynamoDb}, profiles...).
 */
public final class AwsClients implements AutoCloseable {

    // Polling keeps one GetRecords in flight per shard, plus lease and checkpoint calls; HTTP/1.1 needs a
    // connection per request in flight.
    private static final int MAX_CONCURRENCY = 500;
    private static final Duration CONNECTION_ACQUISITION_TIMEOUT = Duration.ofSeconds(60);
    private static final int EVENT_LOOP_THREADS = 2;

    private final SdkEventLoopGroup eventLoop;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final KinesisAsyncClient kinesis;
    private final DynamoDbAsyncClient dynamoDb;
    private final CloudWatchAsyncClient cloudWatch;

    public AwsClients(KinesisConsumerConfig config) {
        Region region = Region.of(config.regionName());
        this.eventLoop = SdkEventLoopGroup.builder().numberOfThreads(EVENT_LOOP_THREADS).build();
        try {
            KinesisAsyncClientBuilder kinesisBuilder = configure(KinesisAsyncClient.builder(), region,
                    config.kinesisEndpoint(), config.kinesisCredentials());
            if (config.fanOut().isPresent()) {
                kinesisBuilder.httpClientBuilder(
                        FanOutHttp.configure(NettyNioAsyncHttpClient.builder().eventLoopGroup(eventLoop)));
            }
            this.kinesis = kinesisBuilder.build();
            owned.add(kinesis);
            this.dynamoDb = configure(DynamoDbAsyncClient.builder(), region, config.dynamoDBEndpoint(),
                    config.dynamoDBCredentials()).build();
            owned.add(dynamoDb);
            this.cloudWatch = configure(CloudWatchAsyncClient.builder(), region, config.cloudWatchEndpoint(),
                    config.cloudWatchCredentials()).build();
            owned.add(cloudWatch);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private <B extends AwsClientBuilder<B, ?> & AwsAsyncClientBuilder<B, ?>> B configure(B builder, Region region,
            Optional<URI> endpoint, SparkAWSCredentials credentials) {
        AwsCredentialsProvider provider = credentials.provider(region);
        owned.add(() -> IoUtils.closeIfCloseable(provider, null));
        builder.region(region)
                .credentialsProvider(provider)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .eventLoopGroup(eventLoop)
                        .protocol(Protocol.HTTP1_1)
                        .maxConcurrency(MAX_CONCURRENCY)
                        .connectionAcquisitionTimeout(CONNECTION_ACQUISITION_TIMEOUT));
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    public KinesisAsyncClient kinesis() {
        return kinesis;
    }

    public DynamoDbAsyncClient dynamoDb() {
        return dynamoDb;
    }

    public CloudWatchAsyncClient cloudWatch() {
        return cloudWatch;
    }

    @Override
    public void close() {
        for (int i = owned.size() - 1; i >= 0; i--) {
            IoUtils.closeQuietly(owned.get(i), null);
        }
        owned.clear();
        eventLoop.eventLoopGroup().shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS)
                .awaitUninterruptibly(5_000);
    }
}
