package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaReceiverInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfig;
import org.apache.spark.streaming.kinesis.testing.SparkTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * The JVM entry point of PySpark's KinesisUtils, called with the argument types py4j passes: a JavaStreamingContext,
 * strings (or null for Python's None), Python ints as int, a Duration and a StorageLevel.
 */
class KinesisUtilsPythonHelperTest {

    private static final String ENDPOINT = "https://kinesis.eu-west-1.amazonaws.com";
    private static JavaStreamingContext jssc;

    @BeforeAll
    static void start() {
        jssc = SparkTestContext.newStreamingContext(new Duration(2000));
    }

    @AfterAll
    static void stop() {
        SparkTestContext.stop(jssc);
    }

    private static JavaReceiverInputDStream<byte[]> create(int position, int metrics, String key, String secret,
            String roleArn, String session, String externalId) {
        return new KinesisUtilsPythonHelper().createStream(jssc, "py-app", "py-stream", ENDPOINT, "eu-west-1",
                position, new Duration(5000), metrics, StorageLevel.MEMORY_AND_DISK_2(), key, secret, roleArn,
                session, externalId);
    }

    private static KinesisConsumerConfig configOf(JavaReceiverInputDStream<byte[]> stream) {
        return ((KinesisInputDStream<byte[]>) stream.receiverInputDStream()).consumerConfig();
    }

    @Test
    void mapsTheArgumentsOntoTheBuilder() {
        KinesisConsumerConfig config = configOf(create(1, 1, null, null, null, null, null));

        assertThat(config.checkpointAppName()).isEqualTo("py-app");
        assertThat(config.streamName()).isEqualTo("py-stream");
        assertThat(config.kinesisEndpoint()).hasValueSatisfying(uri -> assertThat(uri).hasToString(ENDPOINT));
        assertThat(config.regionName()).isEqualTo("eu-west-1");
        assertThat(config.initialPosition()).isEqualTo(new KinesisInitialPositions.TrimHorizon());
        assertThat(config.checkpointInterval()).contains(java.time.Duration.ofSeconds(5));
        assertThat(config.metricsLevel()).isEqualTo(MetricsLevel.SUMMARY);
        assertThat(config.storageLevel()).isEqualTo(StorageLevel.MEMORY_AND_DISK_2());
        assertThat(config.kinesisCredentials()).isEqualTo(SparkAWSCredentials.builder().build());
    }

    @Test
    void positionZeroIsLatestAndMetricsCodesMapInOrder() {
        assertThat(configOf(create(0, 0, null, null, null, null, null)).initialPosition())
                .isEqualTo(new KinesisInitialPositions.Latest());
        assertThat(configOf(create(0, 0, null, null, null, null, null)).metricsLevel())
                .isEqualTo(MetricsLevel.DETAILED);
        assertThat(configOf(create(0, 2, null, null, null, null, null)).metricsLevel()).isEqualTo(MetricsLevel.NONE);
    }

    @Test
    void basicAndStsCredentialsAreCombined() {
        KinesisConsumerConfig config = configOf(create(0, 0, "AKIAEXAMPLE", "secret", 
                "arn:aws:iam::123456789012:role/reader", "py-session", "ext-id"));

        assertThat(config.kinesisCredentials()).isEqualTo(SparkAWSCredentials.builder()
                .basicCredentials("AKIAEXAMPLE", "secret")
                .stsCredentials("arn:aws:iam::123456789012:role/reader", "py-session", "ext-id")
                .build());
    }

    @Test
    void anUnknownInitialPositionIsRejected() {
        assertThatThrownBy(() -> create(2, 0, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Illegal InitialPositionInStream 2");
    }

    @Test
    void anUnknownMetricsLevelIsRejected() {
        assertThatThrownBy(() -> create(0, 3, null, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Illegal MetricsLevel 3");
    }

    @Test
    void aKeyWithoutSecretIsRejectedWithoutShowingTheKeys() {
        assertThatThrownBy(() -> create(0, 0, "AKIAEXAMPLE", null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("awsAccessKeyId and awsSecretKey must both be set or both be None");
    }

    @Test
    void partialStsSettingsAreRejected() {
        assertThatThrownBy(() -> create(0, 0, null, null, "arn:aws:iam::123456789012:role/reader", "s", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must all be set or all be None");
    }
}
