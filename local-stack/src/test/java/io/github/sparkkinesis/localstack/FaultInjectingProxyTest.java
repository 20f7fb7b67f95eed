package io.github.sparkkinesis.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

@ExtendWith(LocalStackExtension.class)
class FaultInjectingProxyTest {

    @Test
    void forwardsCallsAndInjectsThrottlingTheSdkRecognises(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("proxied", 1);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(stack.kinesisEndpoint());
                KinesisClient kinesis = KinesisClient.builder()
                        .endpointOverride(proxy.endpoint())
                        .region(LocalStack.REGION)
                        .credentialsProvider(LocalStack.CREDENTIALS)
                        .httpClientBuilder(ApacheHttpClient.builder())
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build()) {
            assertThat(kinesis.listShards(b -> b.streamName(stream)).shards()).hasSize(1);

            proxy.throttle("ListShards", 1.0);

            assertThatThrownBy(() -> kinesis.listShards(b -> b.streamName(stream)))
                    .isInstanceOf(ProvisionedThroughputExceededException.class)
                    .hasMessageContaining("injected");
            assertThat(kinesis.describeStreamSummary(b -> b.streamName(stream))).isNotNull();
            assertThat(proxy.injectedErrors()).containsEntry("ProvisionedThroughputExceededException", 1L);
            assertThat(proxy.forwardedCalls()).isEqualTo(2);
        }
    }

    @Test
    void throttlesEveryNthCallAndKeepsThrottlingForTheWindow(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("windowed", 1);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(stack.kinesisEndpoint());
                KinesisClient kinesis = client(proxy)) {
            proxy.throttleEvery("ListShards", 2).throttlingWindow(Duration.ofMillis(300));

            // Taken before the first call reaches the proxy, which opens the window when it arrives: the call that
            // is forwarded again returns at least the window's length later, however slowly the calls go.
            long beforeFirstCall = System.nanoTime();
            assertThatThrownBy(() -> kinesis.listShards(b -> b.streamName(stream)))
                    .isInstanceOf(ProvisionedThroughputExceededException.class);
            int throttledInWindow = 0;
            while (true) {
                try {
                    kinesis.listShards(b -> b.streamName(stream));
                    break;
                } catch (ProvisionedThroughputExceededException e) {
                    throttledInWindow++;
                    // Bounds the loop only: a window that never closes.
                    assertThat(System.nanoTime() - beforeFirstCall).as("throttled only within the window")
                            .isLessThan(Duration.ofSeconds(120).toNanos());
                }
            }
            long forwardedAfter = System.nanoTime() - beforeFirstCall;

            assertThat(forwardedAfter).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
            assertThat(proxy.injectedErrors().get("ProvisionedThroughputExceededException"))
                    .isEqualTo(1L + throttledInWindow);
            assertThatThrownBy(() -> kinesis.listShards(b -> b.streamName(stream)))
                    .as("the third call outside a window").isInstanceOf(ProvisionedThroughputExceededException.class);
        }
    }

    @Test
    void recordsAWholeNumberFieldOfEachRequestInCborAndJson(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("fields", 1);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(stack.kinesisEndpoint());
                KinesisClient kinesis = client(proxy)) {
            proxy.recordField("GetRecords", "Limit").recordField("ListShards", "MaxResults");
            String shard = kinesis.listShards(b -> b.streamName(stream).maxResults(7)).shards().get(0).shardId();
            String iterator = kinesis.getShardIterator(b -> b.streamName(stream).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            kinesis.getRecords(b -> b.shardIterator(iterator).limit(1_234));
            kinesis.getRecords(b -> b.shardIterator(iterator));

            assertThat(proxy.recordedField("GetRecords", "Limit")).containsExactly(1_234L, null);
            assertThat(proxy.recordedField("ListShards", "MaxResults")).containsExactly(7L);
        }
        assertThat(RequestFields.number("{\"ShardIterator\":\"abc\",\"Limit\": 25}"
                .getBytes(StandardCharsets.UTF_8), false, "Limit")).isEqualTo(25L);
    }

    private static KinesisClient client(FaultInjectingProxy proxy) {
        return KinesisClient.builder()
                .endpointOverride(proxy.endpoint())
                .region(LocalStack.REGION)
                .credentialsProvider(LocalStack.CREDENTIALS)
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Test
    void anOutageAnswersEveryCallWith503UntilRestored(LocalStack stack) {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(stack.dynamoDbEndpoint());
                DynamoDbClient dynamoDb = DynamoDbClient.builder()
                        .endpointOverride(proxy.endpoint())
                        .region(LocalStack.REGION)
                        .credentialsProvider(LocalStack.CREDENTIALS)
                        .httpClientBuilder(ApacheHttpClient.builder())
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build()) {
            proxy.makeUnavailable();

            assertThatThrownBy(dynamoDb::listTables)
                    .isInstanceOfSatisfying(AwsServiceException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(503));

            proxy.restore();
            assertThat(dynamoDb.listTables().tableNames()).isNotNull();
        }
    }
}
