package io.github.sparkkinesis.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

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
