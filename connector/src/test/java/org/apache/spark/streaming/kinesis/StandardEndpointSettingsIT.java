package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import java.time.Duration;
import java.util.List;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * Without an explicit DynamoDB endpoint, the AWS SDK's standard endpoint settings apply
 * ({@code AWS_ENDPOINT_URL_DYNAMODB}, or the {@code aws.endpointUrlDynamoDb} system property used here).
 */
@ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
class StandardEndpointSettingsIT {

    private static final String DYNAMODB_ENDPOINT_PROPERTY = "aws.endpointUrlDynamoDb";


    @AfterEach
    void restore() {
        System.clearProperty(DYNAMODB_ENDPOINT_PROPERTY);
    }

    @Test
    void theDynamoDbEndpointComesFromTheSdkSettingsWhenNotSet(LocalStack stack, StreamingContexts contexts) {
        System.setProperty(DYNAMODB_ENDPOINT_PROPERTY, stack.dynamoDbEndpoint().toString());
        String stream = stack.streams().createUniqueStream("sdk-settings", 1);
        String app = KinesisStreamFixture.uniqueName("app");
        List<byte[]> payloads = TestPayloads.numbered("s", 20);
        stack.streams().putRecords(stream, payloads);
        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> sink = RecordSink.attach(KinesisInputDStream.builder()
                .streamingContext(ssc)
                .streamName(stream)
                .checkpointAppName(app)
                .endpointUrl(stack.kinesisEndpoint().toString())
                .kinesisCredentials(LocalStackDStreams.credentials())
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .metricsLevel(MetricsLevel.NONE)
                .build().asJava());

        ssc.start();

        Eventually.await(Duration.ofSeconds(180), () -> sink.size() >= payloads.size(),
                () -> sink.size() + " of " + payloads.size() + " records arrived");
        assertThat(stack.leaseTables().exists(app)).as("lease table in the local DynamoDB").isTrue();
    }
}
