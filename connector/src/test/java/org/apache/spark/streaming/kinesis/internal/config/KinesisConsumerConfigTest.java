package org.apache.spark.streaming.kinesis.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.Set;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.kinesis.KinesisInitialPositions;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.metrics.MetricsLevel;

/** The validated configuration itself; the validation is tested through the DStream builder. */
class KinesisConsumerConfigTest {

    private static KinesisConsumerConfigBuilder minimal() {
        return new KinesisConsumerConfigBuilder().streamName("orders").checkpointAppName("orders-app");
    }

    private static KinesisConsumerConfig full() {
        return minimal()
                .regionName("eu-west-1")
                .endpointUrl("https://kinesis.eu-west-1.amazonaws.com")
                .dynamoDBEndpointUrl("http://localhost:8000")
                .cloudWatchEndpointUrl("http://localhost:4566")
                .initialPosition(new KinesisInitialPositions.AtTimestamp(new Date(1_700_000_000_000L)))
                .checkpointIntervalMillis(5000L)
                .storageLevel(StorageLevel.MEMORY_ONLY())
                .kinesisCredentials(SparkAWSCredentials.builder()
                        .stsCredentials("arn:aws:iam::123456789012:role/reader", "spark").build())
                .dynamoDBCredentials(
                        SparkAWSCredentials.builder().basicCredentials("AKIAEXAMPLE0001", "s3cr3t").build())
                .metricsLevel(MetricsLevel.SUMMARY)
                .metricsEnabledDimensions(Set.of("Operation"))
                .kclTuning(KclTuning.DEFAULTS.withFailoverTime(java.time.Duration.ofSeconds(5)))
                .maxRecordsPerRead(100)
                .idleTimeBetweenReadsMillis(300L)
                .maxPrefetchBytesPerShard(2_000_000L)
                .build();
    }

    @Test
    void configsBuiltFromEqualSettingsAreEqual() {
        assertThat(full()).isEqualTo(full()).hasSameHashCodeAs(full());
        assertThat(minimal().build()).isEqualTo(minimal().build()).isNotEqualTo(full());
    }

    @Test
    void configsDifferingInOneSettingDiffer() {
        assertThat(minimal().build()).isNotEqualTo(minimal().streamName("other").build());
        assertThat(minimal().build()).isNotEqualTo(minimal().checkpointIntervalMillis(1000L).build());
        assertThat(minimal().build()).isNotEqualTo(minimal().dynamoDBEndpointUrl("http://localhost:8000").build());
        assertThat(minimal().build()).isNotEqualTo(minimal().enhancedFanOutConsumerName("app").build());
    }

    @Test
    void aFanOutConfigSurvivesSerializationAndSaysSo() {
        KinesisConsumerConfig config = minimal().enhancedFanOutConsumerName("orders-app").build();

        assertThat(Serialization.roundTrip(config)).isEqualTo(config).hasSameHashCodeAs(config);
        assertThat(config.toString()).contains("FanOutSettings[consumerName=orders-app]")
                .doesNotContain("PollingSettings");
    }

    @Test
    void fullConfigSurvivesSerialization() {
        KinesisConsumerConfig config = full();

        assertThat(Serialization.roundTrip(config)).isEqualTo(config).hasSameHashCodeAs(config);
    }

    @Test
    void minimalConfigSurvivesSerialization() {
        KinesisConsumerConfig config = minimal().build();

        assertThat(Serialization.roundTrip(config)).isEqualTo(config);
    }

    @Test
    void toStringDescribesDefaults() {
        assertThat(minimal().build().toString())
                .startsWith("KinesisConsumerConfig[stream=orders, app=orders-app, region=us-east-1")
                .contains("kinesisEndpoint=(regional default)")
                .contains("dynamoDBEndpoint=(SDK default)")
                .contains("checkpointInterval=(batch duration)")
                .contains("initialPosition=Latest")
                .contains("kinesisCredentials=DefaultCredentials")
                .contains("dynamoDBCredentials=DefaultCredentials");
    }

    @Test
    void toStringDescribesCustomValues() {
        assertThat(full().toString())
                .contains("region=eu-west-1")
                .contains("kinesisEndpoint=https://kinesis.eu-west-1.amazonaws.com")
                .contains("dynamoDBEndpoint=http://localhost:8000")
                .contains("checkpointInterval=PT5S")
                .contains("metricsLevel=SUMMARY")
                .contains("maxRecordsPerRead=100")
                .doesNotContain("s3cr3t");
    }

    @Test
    void buildingTwiceGivesEqualConfigs() {
        KinesisConsumerConfigBuilder builder = minimal().regionName("eu-west-1").checkpointIntervalMillis(3000L);

        assertThat(builder.build()).isEqualTo(builder.build());
    }
}
