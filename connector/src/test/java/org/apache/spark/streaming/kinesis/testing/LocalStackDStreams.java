package org.apache.spark.streaming.kinesis.testing;

import io.github.sparkkinesis.localstack.LocalStack;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.KinesisInputDStream;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;

/** Kinesis DStream builders pointed at a {@link LocalStack}: its endpoints, region and credentials. */
public final class LocalStackDStreams {

    private LocalStackDStreams() {
    }

    public static SparkAWSCredentials credentials() {
        return SparkAWSCredentials.builder()
                .basicCredentials(LocalStack.CREDENTIALS.resolveCredentials().accessKeyId(),
                        LocalStack.CREDENTIALS.resolveCredentials().secretAccessKey())
                .build();
    }

    /** A builder for {@code streamName} under application {@code appName}, with metrics off. */
    public static KinesisInputDStream.Builder builder(LocalStack stack, JavaStreamingContext ssc, String streamName,
            String appName) {
        return builder(ssc, stack.kinesisEndpoint().toString(), stack.dynamoDbEndpoint().toString(), streamName,
                appName);
    }

    /**
     * A builder that reads with enhanced fan-out through consumer {@code consumerName}, from the stack's fan-out
     * endpoint ({@link LocalStack#enhancedFanOut()}), metrics off.
     */
    public static KinesisInputDStream.Builder fanOutBuilder(LocalStack stack, JavaStreamingContext ssc,
            String streamName, String appName, String consumerName) {
        return builder(ssc, stack.enhancedFanOut().endpoint().toString(), stack.dynamoDbEndpoint().toString(),
                streamName, appName).enhancedFanOutConsumerName(consumerName);
    }

    /**
     * The same for an application in a child JVM, which gets the stack's endpoints as arguments rather than the
     * stack itself.
     */
    public static KinesisInputDStream.Builder builder(JavaStreamingContext ssc, String kinesisEndpoint,
            String dynamoDbEndpoint, String streamName, String appName) {
        return KinesisInputDStream.builder()
                .streamingContext(ssc)
                .streamName(streamName)
                .checkpointAppName(appName)
                .endpointUrl(kinesisEndpoint)
                .dynamoDBEndpointUrl(dynamoDbEndpoint)
                .regionName(LocalStack.REGION.id())
                .kinesisCredentials(credentials())
                .metricsLevel(software.amazon.kinesis.metrics.MetricsLevel.NONE);
    }
}
