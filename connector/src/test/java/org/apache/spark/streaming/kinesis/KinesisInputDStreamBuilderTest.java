package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.NotSerializableException;
import java.io.Serializable;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.DStreamGraph;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.api.java.JavaReceiverInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.internal.config.KclTuning;
import org.apache.spark.streaming.kinesis.internal.config.PollingSettings;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfig;
import org.apache.spark.streaming.kinesis.testing.ScalaPartitionKeyHandler;
import org.apache.spark.streaming.kinesis.testing.ScalaSets;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.apache.spark.streaming.kinesis.testing.SparkTestContext;
import org.apache.spark.streaming.receiver.Receiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.Option;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** The builder of {@link KinesisInputDStream}: defaults, settings, validation. No receiver is started. */
class KinesisInputDStreamBuilderTest {

    private static final long BATCH_MILLIS = 2000;
    private static final String STREAM = "orders";
    private static final String APP = "orders-to-s3";
    private static final String SECRET = "SECRETxyz123SECRET";

    private static StreamingContext ssc;

    private static JavaStreamingContext jssc;

    @BeforeAll
    static void startStreamingContext() {
        jssc = SparkTestContext.newStreamingContext(new Duration(BATCH_MILLIS));
        ssc = jssc.ssc();
    }

    @AfterAll
    static void stopStreamingContext() {
        SparkTestContext.stop(jssc);
    }

    /** A builder with just the required settings. */
    private static KinesisInputDStream.Builder minimal() {
        return KinesisInputDStream.builder().streamingContext(ssc).streamName(STREAM).checkpointAppName(APP);
    }

    private static KinesisConsumerConfig configOf(KinesisInputDStream.Builder builder) {
        return builder.build().consumerConfig();
    }

    // --- required settings ---

    @Test
    void missingStreamingContextIsRejected() {
        assertThatThrownBy(() -> KinesisInputDStream.builder().streamName(STREAM).checkpointAppName(APP).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No value provided for required parameter streamingContext");
    }

    @Test
    void missingStreamNameIsRejected() {
        assertThatThrownBy(() -> KinesisInputDStream.builder().streamingContext(ssc).checkpointAppName(APP).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No value provided for required parameter streamName");
    }

    @Test
    void missingCheckpointAppNameIsRejected() {
        assertThatThrownBy(() -> KinesisInputDStream.builder().streamingContext(ssc).streamName(STREAM).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No value provided for required parameter checkpointAppName");
    }

    @Test
    void nullRequiredSettingsCountAsMissing() {
        assertThatThrownBy(() -> minimal().streamingContext((StreamingContext) null).build())
                .hasMessage("No value provided for required parameter streamingContext");
        assertThatThrownBy(() -> minimal().streamingContext((JavaStreamingContext) null).build())
                .hasMessage("No value provided for required parameter streamingContext");
        assertThatThrownBy(() -> minimal().streamName(null).build())
                .hasMessage("No value provided for required parameter streamName");
        assertThatThrownBy(() -> minimal().checkpointAppName(null).build())
                .hasMessage("No value provided for required parameter checkpointAppName");
    }

    @Test
    void javaStreamingContextIsAccepted() {
        KinesisInputDStream<byte[]> stream = KinesisInputDStream.builder()
                .streamingContext(new JavaStreamingContext(ssc))
                .streamName(STREAM)
                .checkpointAppName(APP)
                .build();

        assertThat(stream.context()).isSameAs(ssc);
    }

    @Test
    void theBuilderCanBeCreatedWithItsConstructorAsInSparksConnector() {
        KinesisInputDStream<byte[]> stream = new KinesisInputDStream.Builder()
                .streamingContext(ssc).streamName(STREAM).checkpointAppName(APP).build();

        assertThat(stream.consumerConfig()).isEqualTo(configOf(minimal()));
    }

    // --- defaults ---

    @Test
    void requiredSettingsAreKept() {
        KinesisConsumerConfig config = configOf(minimal());

        assertThat(config.streamName()).isEqualTo(STREAM);
        assertThat(config.checkpointAppName()).isEqualTo(APP);
    }

    @Test
    void endpointDefaultsToTheRegionalOne() {
        KinesisConsumerConfig config = configOf(minimal());

        assertThat(config.kinesisEndpoint()).isEmpty();
        assertThat(config.dynamoDBEndpoint()).isEmpty();
        assertThat(config.cloudWatchEndpoint()).isEmpty();
        assertThat(KinesisInputDStream.DEFAULT_KINESIS_ENDPOINT_URL)
                .isEqualTo("https://kinesis.us-east-1.amazonaws.com");
    }

    @Test
    void regionDefaultsToUsEast1() {
        assertThat(configOf(minimal()).regionName()).isEqualTo("us-east-1")
                .isEqualTo(KinesisInputDStream.DEFAULT_KINESIS_REGION_NAME);
    }

    @Test
    void initialPositionDefaultsToLatest() {
        assertThat(configOf(minimal()).initialPosition()).isEqualTo(new KinesisInitialPositions.Latest());
    }

    @Test
    void checkpointIntervalDefaultsToTheBatchDuration() {
        KinesisInputDStream<byte[]> stream = minimal().build();

        assertThat(stream.consumerConfig().checkpointInterval()).isEmpty();
        assertThat(stream.checkpointInterval()).isEqualTo(new Duration(BATCH_MILLIS));
    }

    @Test
    void storageLevelDefaultsToMemoryAndDisk2() {
        assertThat(configOf(minimal()).storageLevel()).isEqualTo(StorageLevel.MEMORY_AND_DISK_2());
    }

    @Test
    void credentialsDefaultToTheProviderChainForEveryService() {
        KinesisConsumerConfig config = configOf(minimal());

        assertThat(config.kinesisCredentials()).isEqualTo(SparkAWSCredentials.builder().build());
        assertThat(config.dynamoDBCredentials()).isEqualTo(SparkAWSCredentials.builder().build());
        assertThat(config.cloudWatchCredentials()).isEqualTo(SparkAWSCredentials.builder().build());
    }

    @Test
    void dynamoDBAndCloudWatchCredentialsDefaultToTheKinesisOnes() {
        SparkAWSCredentials kinesis = basic("AKIAKINESIS0000EXAMPLE");

        KinesisConsumerConfig config = configOf(minimal().kinesisCredentials(kinesis));

        assertThat(config.kinesisCredentials()).isEqualTo(kinesis);
        assertThat(config.dynamoDBCredentials()).isEqualTo(kinesis);
        assertThat(config.cloudWatchCredentials()).isEqualTo(kinesis);
    }

    @Test
    void metricsDefaultToDetailedWithOperationAndShardId() {
        KinesisConsumerConfig config = configOf(minimal());

        assertThat(config.metricsLevel()).isEqualTo(MetricsLevel.DETAILED)
                .isEqualTo(KinesisInputDStream.DEFAULT_METRICS_LEVEL);
        assertThat(config.metricsEnabledDimensions()).containsExactlyInAnyOrder("Operation", "ShardId");
        assertThat(KinesisInputDStream.DEFAULT_METRICS_ENABLED_DIMENSIONS)
                .containsExactlyInAnyOrder("Operation", "ShardId");
    }

    @Test
    void kclTuningDefaultsToTheConnectorDefaults() {
        assertThat(configOf(minimal()).kclTuning()).isEqualTo(KclTuning.DEFAULTS);
    }

    @Test
    void pollingDefaultsToTheDocumentedValues() {
        PollingSettings polling = configOf(minimal()).polling();

        assertThat(polling).isEqualTo(PollingSettings.DEFAULTS);
        assertThat(polling.maxRecordsPerRead()).isEqualTo(KinesisInputDStream.DEFAULT_MAX_RECORDS_PER_READ);
        assertThat(polling.idleTimeBetweenReads().toMillis())
                .isEqualTo(KinesisInputDStream.DEFAULT_IDLE_TIME_BETWEEN_READS.milliseconds());
        assertThat(polling.maxPrefetchBytesPerShard())
                .isEqualTo(KinesisInputDStream.DEFAULT_MAX_PREFETCH_BYTES_PER_SHARD);
        assertThat(polling.maxPrefetchBytesPerReceiver())
                .isEqualTo(KinesisInputDStream.DEFAULT_MAX_PREFETCH_BYTES_PER_RECEIVER);
    }

    @Test
    void pollingOptionsAreKept() {
        PollingSettings polling = configOf(minimal()
                .maxRecordsPerRead(2_000)
                .idleTimeBetweenReads(new Duration(200))
                .maxPrefetchBytesPerShard(16L * 1024 * 1024)
                .maxPrefetchBytesPerReceiver(64L * 1024 * 1024)).polling();

        assertThat(polling).isEqualTo(
                new PollingSettings(2_000, java.time.Duration.ofMillis(200), 16L << 20, 64L << 20));
    }

    @Test
    void invalidPollingOptionsFailAtBuildTime() {
        assertThatThrownBy(() -> minimal().maxRecordsPerRead(20_000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxRecordsPerRead must be between 1 and 10000");
        assertThatThrownBy(() -> minimal().idleTimeBetweenReads(new Duration(100)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("idleTimeBetweenReads must be at least 200 ms");
        assertThatThrownBy(() -> minimal().maxPrefetchBytesPerReceiver(1L << 20).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxPrefetchBytesPerReceiver must be at least");
        assertThatThrownBy(() -> minimal().maxPrefetchBytesPerShard(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxPrefetchBytesPerShard must be between 1 and");
    }

    @Test
    void pollingIsTheDefaultAndAFanOutConsumerNameOrArnIsKept() {
        assertThat(configOf(minimal()).fanOut()).isEmpty();
        assertThat(configOf(minimal().enhancedFanOutConsumerName("orders-app")).fanOut().orElseThrow()
                .consumerName()).contains("orders-app");
        String arn = "arn:aws:kinesis:us-east-1:123456789012:stream/" + STREAM + "/consumer/orders-app:1700000000";
        assertThat(configOf(minimal().enhancedFanOutConsumerArn(arn)).fanOut().orElseThrow().consumerArn())
                .contains(arn);
        assertThat(configOf(minimal().enhancedFanOutConsumerName("orders-app").enhancedFanOutConsumerName(null))
                .fanOut()).isEmpty();
    }

    @Test
    void badFanOutOptionsFailAtBuildTimeSayingWhatToDo() {
        String arn = "arn:aws:kinesis:us-east-1:123456789012:stream/" + STREAM + "/consumer/orders-app:1700000000";
        assertThatThrownBy(() -> minimal().enhancedFanOutConsumerName("app").enhancedFanOutConsumerArn(arn).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enhancedFanOutConsumerName and enhancedFanOutConsumerArn are both set");
        assertThatThrownBy(() -> minimal().enhancedFanOutConsumerName("orders app").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("enhancedFanOutConsumerName 'orders app' is not a Kinesis consumer name");
        assertThatThrownBy(() -> minimal().enhancedFanOutConsumerName("").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 128 characters");
        assertThatThrownBy(() -> minimal().enhancedFanOutConsumerArn("orders-app").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a Kinesis consumer ARN");
        assertThatThrownBy(() -> minimal().enhancedFanOutConsumerArn(arn.replace(STREAM, "other")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a consumer of stream 'other', but the DStream reads '" + STREAM + "'");
        assertThatThrownBy(() -> minimal().enhancedFanOutConsumerArn(arn.replace("us-east-1", "eu-west-1")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set regionName(\"eu-west-1\")");
        assertThatThrownBy(() -> minimal().enhancedFanOutConsumerName("app").idleTimeBetweenReads(new Duration(500))
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("idleTimeBetweenReads tunes polling (GetRecords), but the DStream reads "
                        + "with enhanced fan-out (enhancedFanOutConsumerName)");
        // The receiver-wide read-ahead budget bounds GetRecords answers; Kinesis pushes fan-out records itself.
        assertThatThrownBy(() -> minimal().enhancedFanOutConsumerArn(arn).maxPrefetchBytesPerReceiver(64L << 20)
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxPrefetchBytesPerReceiver tunes polling (GetRecords), but the DStream "
                        + "reads with enhanced fan-out (enhancedFanOutConsumerArn)");
    }

    // --- custom values ---

    @Test
    void endpointUrlIsKept() {
        KinesisConsumerConfig config = configOf(minimal().endpointUrl("http://localhost:4567"));

        assertThat(config.kinesisEndpoint()).contains(URI.create("http://localhost:4567"));
    }

    @Test
    void endpointUrlIsTrimmed() {
        KinesisConsumerConfig config = configOf(minimal().endpointUrl("  http://localhost:4567 "));

        assertThat(config.kinesisEndpoint()).contains(URI.create("http://localhost:4567"));
    }

    @Test
    void regionalEndpointMatchingTheRegionIsAccepted() {
        KinesisConsumerConfig config = configOf(minimal()
                .regionName("eu-west-1")
                .endpointUrl("https://kinesis.eu-west-1.amazonaws.com"));

        assertThat(config.regionName()).isEqualTo("eu-west-1");
        assertThat(config.kinesisEndpoint()).contains(URI.create("https://kinesis.eu-west-1.amazonaws.com"));
    }

    @Test
    void chinaAndFipsEndpointsMatchingTheRegionAreAccepted() {
        assertThat(configOf(minimal().regionName("cn-north-1")
                .endpointUrl("https://kinesis.cn-north-1.amazonaws.com.cn")).regionName()).isEqualTo("cn-north-1");
        assertThat(configOf(minimal().regionName("us-west-2")
                .endpointUrl("https://kinesis-fips.us-west-2.amazonaws.com")).regionName()).isEqualTo("us-west-2");
    }

    @Test
    void regionNameIsKept() {
        assertThat(configOf(minimal().regionName("ap-southeast-2")).regionName()).isEqualTo("ap-southeast-2");
    }

    @Test
    void initialPositionIsKept() {
        KinesisInitialPosition atTimestamp =
                new KinesisInitialPositions.AtTimestamp(Date.from(Instant.parse("2026-11-25T10:00:00Z")));

        assertThat(configOf(minimal().initialPosition(new KinesisInitialPositions.TrimHorizon())).initialPosition())
                .isEqualTo(new KinesisInitialPositions.TrimHorizon());
        assertThat(configOf(minimal().initialPosition(atTimestamp)).initialPosition()).isEqualTo(atTimestamp);
    }

    @Test
    @SuppressWarnings("deprecation")
    void initialPositionInStreamConvertsLatestAndTrimHorizon() {
        assertThat(configOf(minimal().initialPositionInStream(InitialPositionInStream.TRIM_HORIZON))
                .initialPosition()).isEqualTo(new KinesisInitialPositions.TrimHorizon());
        assertThat(configOf(minimal().initialPositionInStream(InitialPositionInStream.LATEST))
                .initialPosition()).isEqualTo(new KinesisInitialPositions.Latest());
    }

    @Test
    @SuppressWarnings("deprecation")
    void initialPositionInStreamAtTimestampIsUnsupported() {
        assertThatThrownBy(() -> minimal().initialPositionInStream(InitialPositionInStream.AT_TIMESTAMP))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("AtTimestamp");
    }

    @Test
    void checkpointIntervalIsKept() {
        KinesisInputDStream<byte[]> stream = minimal().checkpointInterval(new Duration(15_000)).build();

        assertThat(stream.consumerConfig().checkpointInterval()).contains(java.time.Duration.ofSeconds(15));
        assertThat(stream.checkpointInterval()).isEqualTo(new Duration(15_000));
    }

    @Test
    void storageLevelIsKept() {
        assertThat(configOf(minimal().storageLevel(StorageLevel.MEMORY_ONLY())).storageLevel())
                .isEqualTo(StorageLevel.MEMORY_ONLY());
    }

    @Test
    void credentialsOfEachServiceAreKept() {
        SparkAWSCredentials kinesis = basic("AKIAKINESIS0000EXAMPLE");
        SparkAWSCredentials dynamo = basic("AKIADYNAMO00000EXAMPLE");
        SparkAWSCredentials cloudWatch = SparkAWSCredentials.builder()
                .stsCredentials("arn:aws:iam::123456789012:role/metrics", "spark-metrics")
                .build();

        KinesisConsumerConfig config = configOf(minimal()
                .kinesisCredentials(kinesis)
                .dynamoDBCredentials(dynamo)
                .cloudWatchCredentials(cloudWatch));

        assertThat(config.kinesisCredentials()).isEqualTo(kinesis);
        assertThat(config.dynamoDBCredentials()).isEqualTo(dynamo);
        assertThat(config.cloudWatchCredentials()).isEqualTo(cloudWatch);
    }

    @Test
    void dynamoDBAndCloudWatchEndpointsAreKept() {
        KinesisConsumerConfig config = configOf(minimal()
                .dynamoDBEndpointUrl("http://localhost:8000")
                .cloudWatchEndpointUrl("https://monitoring.eu-west-1.amazonaws.com"));

        assertThat(config.dynamoDBEndpoint()).contains(URI.create("http://localhost:8000"));
        assertThat(config.cloudWatchEndpoint()).contains(URI.create("https://monitoring.eu-west-1.amazonaws.com"));
        assertThat(config.kinesisEndpoint()).isEmpty();
    }

    @Test
    void metricsLevelIsKept() {
        assertThat(configOf(minimal().metricsLevel(MetricsLevel.NONE)).metricsLevel()).isEqualTo(MetricsLevel.NONE);
        assertThat(configOf(minimal().metricsLevel(MetricsLevel.SUMMARY)).metricsLevel())
                .isEqualTo(MetricsLevel.SUMMARY);
    }

    @Test
    void metricsEnabledDimensionsAreKept() {
        Set<String> dimensions = new LinkedHashSet<>(List.of("StreamId", "WorkerIdentifier", "Operation"));

        assertThat(configOf(minimal().metricsEnabledDimensions(dimensions)).metricsEnabledDimensions())
                .containsExactly("StreamId", "WorkerIdentifier", "Operation");
    }

    @Test
    void metricsEnabledDimensionsAcceptAll() {
        assertThat(configOf(minimal().metricsEnabledDimensions(Set.of("ALL"))).metricsEnabledDimensions())
                .containsExactly("ALL");
    }

    @Test
    void metricsEnabledDimensionsAreCopiedWhenSet() {
        Set<String> dimensions = new HashSet<>(Set.of("Operation"));
        KinesisInputDStream.Builder builder = minimal().metricsEnabledDimensions(dimensions);

        dimensions.add("ShardId");

        KinesisConsumerConfig config = configOf(builder);
        assertThat(config.metricsEnabledDimensions()).containsExactly("Operation");
        assertThatThrownBy(() -> config.metricsEnabledDimensions().add("StreamId"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void metricsEnabledDimensionsAcceptAScalaSet() {
        scala.collection.immutable.Set<String> dimensions = ScalaSets.of("ShardId", "StreamId");

        assertThat(configOf(minimal().metricsEnabledDimensions(dimensions)).metricsEnabledDimensions())
                .containsExactlyInAnyOrder("ShardId", "StreamId");
    }

    @Test
    void unknownDimensionInAScalaSetIsRejected() {
        scala.collection.immutable.Set<String> dimensions = ScalaSets.of("Operation", "Shard");

        assertThatThrownBy(() -> minimal().metricsEnabledDimensions(dimensions).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metricsEnabledDimensions contains unknown dimensions [Shard]");
    }

    @Test
    void leaseFailoverTimeDefaultsToTheKclsAndIsKept() {
        assertThat(configOf(minimal()).kclTuning().failoverTime().toMillis())
                .isEqualTo(KinesisInputDStream.DEFAULT_LEASE_FAILOVER_TIME.milliseconds())
                .isEqualTo(10_000);

        KclTuning tuning = configOf(minimal().leaseFailoverTime(Durations.seconds(30))).kclTuning();

        assertThat(tuning).isEqualTo(KclTuning.DEFAULTS.withFailoverTime(java.time.Duration.ofSeconds(30)));
        assertThat(configOf(minimal().leaseFailoverTime(null)).kclTuning()).isEqualTo(KclTuning.DEFAULTS);
    }

    @Test
    void aLeaseFailoverTimeUnderASecondFailsAtBuildTime() {
        assertThatThrownBy(() -> minimal().leaseFailoverTime(new Duration(999)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("leaseFailoverTime must be at least 1000 ms, got 999 ms");
        assertThatThrownBy(() -> minimal().leaseFailoverTime(new Duration(-5)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("leaseFailoverTime must be at least 1000 ms, got -5 ms");
    }

    @Test
    void kclTuningIsKept() {
        KclTuning tuning = KclTuning.DEFAULTS.withFailoverTime(java.time.Duration.ofSeconds(3));

        assertThat(configOf(minimal().kclTuning(tuning)).kclTuning()).isEqualTo(tuning);
    }

    // --- null means default ---

    @Test
    void nullOptionalSettingsMeanTheirDefaults() {
        KinesisInputDStream<byte[]> stream = minimal()
                .endpointUrl(null)
                .regionName(null)
                .initialPosition(null)
                .checkpointInterval(null)
                .storageLevel(null)
                .kinesisCredentials(null)
                .dynamoDBCredentials(null)
                .cloudWatchCredentials(null)
                .dynamoDBEndpointUrl(null)
                .cloudWatchEndpointUrl(null)
                .metricsLevel(null)
                .metricsEnabledDimensions((Set<String>) null)
                .kclTuning(null)
                .idleTimeBetweenReads(null)
                .build();

        assertThat(stream.consumerConfig()).isEqualTo(configOf(minimal()));
        assertThat(stream.checkpointInterval()).isEqualTo(new Duration(BATCH_MILLIS));
    }

    @Test
    @SuppressWarnings("deprecation")
    void nullResetsAnEarlierValueToItsDefault() {
        KinesisConsumerConfig config = configOf(minimal()
                .endpointUrl("http://localhost:4567").endpointUrl(null)
                .regionName("eu-west-1").regionName(null)
                .initialPosition(new KinesisInitialPositions.TrimHorizon()).initialPositionInStream(null)
                .storageLevel(StorageLevel.MEMORY_ONLY()).storageLevel(null)
                .kinesisCredentials(basic("AKIAKINESIS0000EXAMPLE")).kinesisCredentials(null)
                .metricsLevel(MetricsLevel.NONE).metricsLevel(null)
                .metricsEnabledDimensions(Set.of("ALL"))
                .metricsEnabledDimensions((scala.collection.immutable.Set<String>) null));

        assertThat(config).isEqualTo(configOf(minimal()));
    }

    // --- validation ---

    @Test
    void blankStreamNameIsRejected() {
        for (String name : List.of("", "   ")) {
            assertThatThrownBy(() -> minimal().streamName(name).build())
                    .as("'%s'", name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("streamName '" + name + "' is not a valid Kinesis stream name: use 1 to 128 "
                            + "characters from letters, digits, '_', '-' and '.'");
        }
    }

    @Test
    void streamNameWithInvalidCharactersOrTooLongIsRejected() {
        for (String name : List.of("orders/eu", "orders stream", "x".repeat(129))) {
            assertThatThrownBy(() -> minimal().streamName(name).build())
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("streamName '" + name + "' is not a valid Kinesis stream name");
        }
    }

    @Test
    void longestAndShortestValidStreamNamesAreAccepted() {
        assertThat(configOf(minimal().streamName("x".repeat(128))).streamName()).hasSize(128);
        assertThat(configOf(minimal().streamName("a")).streamName()).isEqualTo("a");
        assertThat(configOf(minimal().streamName("Orders_2026-v1.0")).streamName()).isEqualTo("Orders_2026-v1.0");
    }

    @Test
    void tooShortAppNameIsRejected() {
        assertThatThrownBy(() -> minimal().checkpointAppName("ab").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpointAppName 'ab' cannot be used: it names the DynamoDB lease table, so use 3 to "
                        + "255 characters from letters, digits, '_', '-' and '.'");
    }

    @Test
    void appNameWithInvalidCharactersOrTooLongIsRejected() {
        for (String name : List.of("orders app", "orders/app", "orders:app", "x".repeat(256))) {
            assertThatThrownBy(() -> minimal().checkpointAppName(name).build())
                    .as(name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("checkpointAppName '" + name + "' cannot be used");
        }
    }

    @Test
    void endpointWithoutSchemeIsRejectedByEveryEndpointSetter() {
        assertInvalidEndpoint("kinesis.us-east-1.amazonaws.com", "the scheme must be http or https");
    }

    @Test
    void endpointWithFtpSchemeIsRejectedByEveryEndpointSetter() {
        assertInvalidEndpoint("ftp://localhost:4567", "the scheme must be http or https");
    }

    @Test
    void endpointWithoutHostIsRejectedByEveryEndpointSetter() {
        assertInvalidEndpoint("http:///path", "it has no host name");
    }

    @Test
    void endpointThatIsNotAUriIsRejectedByEveryEndpointSetter() {
        assertInvalidEndpoint("http://local host:4567", "Illegal character in authority");
    }

    private static void assertInvalidEndpoint(String url, String reason) {
        List<Setter> setters = List.of(
                new Setter("endpointUrl", KinesisInputDStream.Builder::endpointUrl),
                new Setter("dynamoDBEndpointUrl", KinesisInputDStream.Builder::dynamoDBEndpointUrl),
                new Setter("cloudWatchEndpointUrl", KinesisInputDStream.Builder::cloudWatchEndpointUrl));
        for (Setter setter : setters) {
            assertThatThrownBy(() -> setter.set.apply(minimal(), url).build())
                    .as(setter.name)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith(setter.name + " '" + url + "' is not a valid endpoint URL (")
                    .hasMessageContaining(reason)
                    .hasMessageEndingWith("); expected something like https://kinesis.us-east-1.amazonaws.com or "
                            + "http://localhost:4567");
        }
    }

    private record Setter(String name,
            BiFunction<KinesisInputDStream.Builder, String, KinesisInputDStream.Builder> set) {
    }

    @Test
    void regionTheSdkDoesNotListIsRejectedWithoutAnEndpoint() {
        assertThatThrownBy(() -> minimal().regionName("eu-wset-1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("regionName 'eu-wset-1' is not a region the bundled AWS SDK knows: check its spelling "
                        + "(known regions include us-east-1, eu-west-1, ap-southeast-2); for a region newer than "
                        + "the SDK, also set endpointUrl to the region's Kinesis endpoint, e.g. "
                        + "https://kinesis.eu-wset-1.amazonaws.com");
    }

    @Test
    void regionTheSdkDoesNotListIsAcceptedWithAnEndpoint() {
        KinesisInputDStream<byte[]> stream = minimal()
                .regionName("xx-newregion-7")
                .endpointUrl("https://kinesis.xx-newregion-7.amazonaws.com")
                .build();

        assertThat(stream.regionName()).isEqualTo("xx-newregion-7");
        assertThat(stream.endpointUrl()).isEqualTo("https://kinesis.xx-newregion-7.amazonaws.com");
        assertThat(configOf(minimal().regionName("xx-newregion-7").endpointUrl("http://localhost:4567"))
                .regionName()).isEqualTo("xx-newregion-7");
    }

    @Test
    void malformedRegionNameIsRejectedEvenWithAnEndpoint() {
        for (String region : List.of("eu_west_1", "eu-west", "euwest1", "eu west 1", "local",
                "https://kinesis.eu-west-1.amazonaws.com")) {
            assertThatThrownBy(() -> minimal().endpointUrl("http://localhost:4567").regionName(region).build())
                    .as(region)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("regionName '" + region + "' is not an AWS region name: region names are "
                            + "lower-case words and a number joined by '-', such as \"eu-west-1\"");
        }
    }

    @Test
    void upperCaseRegionIsRejectedWithItsLowerCaseName() {
        assertThatThrownBy(() -> minimal().regionName("EU-WEST-1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("regionName 'EU-WEST-1' has upper-case letters, but AWS region names are lower case: "
                        + "use regionName(\"eu-west-1\")");
        assertThatThrownBy(() -> minimal().endpointUrl("http://localhost:4567").regionName("Xx-NewRegion-7").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("use regionName(\"xx-newregion-7\")");
    }

    @Test
    void regionNameIsTrimmed() {
        assertThat(configOf(minimal().regionName(" eu-west-1 ")).regionName()).isEqualTo("eu-west-1");
    }

    @Test
    void blankRegionIsRejected() {
        assertThatThrownBy(() -> minimal().regionName(" ").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("regionName ' ' is empty: give an AWS region name such as \"eu-west-1\", or leave it "
                        + "unset for \"us-east-1\"");
    }

    @Test
    void vpcEndpointHostNamesAreAccepted() {
        for (String url : List.of("https://vpce-0a1b2c3d-4e5f.kinesis.us-east-1.vpce.amazonaws.com",
                "https://vpce-0a1b2c3d-4e5f-us-east-1a.kinesis.us-east-1.vpce.amazonaws.com",
                "https://bucket.vpce-0a1b2c3d-4e5f.s3.us-east-1.vpce.amazonaws.com",
                "https://kinesis-fips.us-east-1.amazonaws.com")) {
            assertThat(configOf(minimal().endpointUrl(url)).kinesisEndpoint()).as(url).contains(URI.create(url));
        }
    }

    @Test
    void vpcEndpointOfAnotherRegionIsRejected() {
        String url = "https://vpce-0a1b2c3d-4e5f.kinesis.eu-west-1.vpce.amazonaws.com";

        assertThatThrownBy(() -> minimal().endpointUrl(url).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpointUrl " + url + " is in region eu-west-1 but regionName is us-east-1 (the region "
                        + "is never derived from the endpoint); set regionName(\"eu-west-1\")");
    }

    @Test
    void endpointPortOutsideTheValidRangeIsRejectedByEveryEndpointSetter() {
        assertInvalidEndpoint("http://localhost:99999", "port 99999 is not between 1 and 65535");
        assertInvalidEndpoint("http://localhost:0", "port 0 is not between 1 and 65535");
        assertInvalidEndpoint("http://localhost:123456789012", "port 123456789012 is not between 1 and 65535");
    }

    @Test
    void endpointPortsAtTheEndsOfTheRangeAreAccepted() {
        assertThat(configOf(minimal().endpointUrl("http://localhost:1")).kinesisEndpoint())
                .contains(URI.create("http://localhost:1"));
        assertThat(configOf(minimal().endpointUrl("http://[::1]:65535")).kinesisEndpoint())
                .contains(URI.create("http://[::1]:65535"));
    }

    @Test
    void endpointWithAnInvalidHostNameIsRejectedByEveryEndpointSetter() {
        assertInvalidEndpoint("http://kinesis_mock:4567",
                "'kinesis_mock' is not a valid host name: use letters, digits, '-' and '.'");
    }

    @Test
    void regionalEndpointOfAnotherRegionIsRejected() {
        assertThatThrownBy(() -> minimal().endpointUrl("https://kinesis.eu-west-1.amazonaws.com").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("endpointUrl https://kinesis.eu-west-1.amazonaws.com is in region eu-west-1 but "
                        + "regionName is us-east-1 (the region is never derived from the endpoint); "
                        + "set regionName(\"eu-west-1\")");
    }

    @Test
    void localEndpointIsAcceptedWithAnyRegion() {
        assertThat(configOf(minimal().endpointUrl("http://127.0.0.1:4567").regionName("eu-central-1"))
                .kinesisEndpoint()).contains(URI.create("http://127.0.0.1:4567"));
    }

    @Test
    void zeroCheckpointIntervalIsRejected() {
        assertThatThrownBy(() -> minimal().checkpointInterval(new Duration(0)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpointInterval must be positive, got 0 ms");
    }

    @Test
    void negativeCheckpointIntervalIsRejected() {
        assertThatThrownBy(() -> minimal().checkpointInterval(new Duration(-1000)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpointInterval must be positive, got -1000 ms");
    }

    @Test
    void unknownMetricsDimensionIsRejected() {
        assertThatThrownBy(() -> minimal().metricsEnabledDimensions(Set.of("Operation", "Partition")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metricsEnabledDimensions contains unknown dimensions [Partition]; the KCL knows "
                        + "[ALL, Operation, ShardId, StreamId, WorkerIdentifier]");
    }

    @Test
    void nullMetricsDimensionIsRejected() {
        Set<String> dimensions = new HashSet<>();
        dimensions.add(null);

        assertThatThrownBy(() -> minimal().metricsEnabledDimensions(dimensions).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metricsEnabledDimensions contains unknown dimensions [null]");
    }

    @Test
    void validationErrorsDoNotShowTheSecretKey() {
        SparkAWSCredentials credentials =
                SparkAWSCredentials.builder().basicCredentials("AKIAKINESIS0000EXAMPLE", SECRET).build();

        assertThatThrownBy(() -> minimal().kinesisCredentials(credentials).streamName("bad name").build())
                .isInstanceOf(IllegalArgumentException.class)
                .message().doesNotContain(SECRET);
    }

    // --- message handlers ---

    @Test
    void buildWithAJavaMessageHandlerHasItsElementClass() {
        Function<KinesisClientRecord, String> handler = KinesisClientRecord::partitionKey;

        KinesisInputDStream<String> stream = minimal().buildWithMessageHandler(handler, String.class);

        assertThat(stream.asJava().classTag().runtimeClass()).isEqualTo(String.class);
        assertThat(stream.consumerConfig()).isEqualTo(configOf(minimal()));
    }

    @Test
    void buildWithAScalaMessageHandlerHasItsClassTag() {
        ClassTag<String> tag = ClassTag$.MODULE$.apply(String.class);

        KinesisInputDStream<String> stream = minimal().buildWithMessageHandler(new ScalaPartitionKeyHandler(), tag);

        assertThat(stream.asJava().classTag()).isEqualTo(tag);
    }

    @Test
    void buildWithoutAHandlerIsByteArrays() {
        assertThat(minimal().build().asJava().classTag().runtimeClass()).isEqualTo(byte[].class);
    }

    @Test
    void nullJavaMessageHandlerIsRejected() {
        assertThatThrownBy(() -> minimal().buildWithMessageHandler((Function<KinesisClientRecord, String>) null,
                String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No value provided for required parameter messageHandler");
    }

    @Test
    void nullScalaMessageHandlerIsRejected() {
        assertThatThrownBy(() -> minimal().buildWithMessageHandler((scala.Function1<KinesisClientRecord, String>) null,
                ClassTag$.MODULE$.apply(String.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No value provided for required parameter messageHandler");
    }

    @Test
    void nullElementClassIsRejected() {
        Function<KinesisClientRecord, String> handler = KinesisClientRecord::partitionKey;

        assertThatThrownBy(() -> minimal().buildWithMessageHandler(handler, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("buildWithMessageHandler needs the element class, got null");
    }

    @Test
    void messageHandlerBuildsAreValidatedLikeByteArrayBuilds() {
        Function<KinesisClientRecord, String> handler = KinesisClientRecord::partitionKey;

        assertThatThrownBy(() -> KinesisInputDStream.builder().streamingContext(ssc).checkpointAppName(APP)
                .buildWithMessageHandler(handler, String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No value provided for required parameter streamName");
    }

    @Test
    void aScalaHandlerThatCannotBeSerializedFailsAtBuild() {
        Object notSerializable = new Object();
        scala.Function1<KinesisClientRecord, String> handler = new AbstractFunction1<>() {
            @Override
            public String apply(KinesisClientRecord record) {
                return notSerializable + record.partitionKey();
            }
        };

        assertThatThrownBy(() -> minimal().buildWithMessageHandler(handler, ClassTag$.MODULE$.apply(String.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("messageHandler cannot be sent to the executors: it is not serializable "
                        + "(java.io.NotSerializableException: " + handler.getClass().getName() + "). ")
                .hasMessageEndingWith("Make everything the handler refers to serializable, or create such "
                        + "objects inside the handler.")
                .cause().isInstanceOf(NotSerializableException.class);
    }

    @Test
    void aJavaHandlerThatCannotBeSerializedFailsAtBuild() {
        Object notSerializable = new Object();
        Function<KinesisClientRecord, String> handler = record -> notSerializable + record.partitionKey();

        assertThatThrownBy(() -> minimal().buildWithMessageHandler(handler, String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("messageHandler cannot be sent to the executors: it is not serializable "
                        + "(java.io.NotSerializableException: java.lang.Object)")
                .cause().isInstanceOf(NotSerializableException.class);
    }

    @Test
    void nullClassTagIsRejected() {
        assertThatThrownBy(() -> minimal().buildWithMessageHandler(new ScalaPartitionKeyHandler(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("buildWithMessageHandler needs the element type's ClassTag, got null; in Scala, leave "
                        + "it out and it is found implicitly");
    }

    // --- the settings read back from the DStream, as Spark's connector names them ---

    @Test
    void theAccessorsGiveTheDefaults() {
        KinesisInputDStream<byte[]> stream = minimal().build();

        assertThat(stream.streamName()).isEqualTo(STREAM);
        assertThat(stream.checkpointAppName()).isEqualTo(APP);
        assertThat(stream.endpointUrl()).isEqualTo(KinesisInputDStream.DEFAULT_KINESIS_ENDPOINT_URL);
        assertThat(stream.regionName()).isEqualTo(KinesisInputDStream.DEFAULT_KINESIS_REGION_NAME);
        assertThat(stream.initialPosition()).isEqualTo(KinesisInputDStream.DEFAULT_INITIAL_POSITION)
                .isEqualTo(new KinesisInitialPositions.Latest());
        assertThat(stream.checkpointInterval()).isEqualTo(new Duration(BATCH_MILLIS));
        assertThat(stream._storageLevel()).isEqualTo(KinesisInputDStream.DEFAULT_STORAGE_LEVEL)
                .isEqualTo(StorageLevel.MEMORY_AND_DISK_2());
        assertThat(stream.kinesisCreds()).isEqualTo(SparkAWSCredentials.builder().build());
        assertThat(stream.dynamoDBCreds()).isEqualTo(Option.empty());
        assertThat(stream.cloudWatchCreds()).isEqualTo(Option.empty());
        assertThat(stream.metricsLevel()).isEqualTo(KinesisInputDStream.DEFAULT_METRICS_LEVEL);
        assertThat(stream.metricsEnabledDimensions()).isEqualTo(ScalaSets.of("Operation", "ShardId"));
    }

    @Test
    void theAccessorsGiveTheConfiguredValues() {
        SparkAWSCredentials dynamo = basic("AKIADYNAMO00000EXAMPLE");
        SparkAWSCredentials cloudWatch = SparkAWSCredentials.builder()
                .stsCredentials("arn:aws:iam::123456789012:role/metrics", "spark-metrics").build();
        KinesisInputDStream<byte[]> stream = fullyConfigured().cloudWatchCredentials(cloudWatch).build();

        assertThat(stream.endpointUrl()).isEqualTo("https://kinesis.eu-west-1.amazonaws.com");
        assertThat(stream.regionName()).isEqualTo("eu-west-1");
        assertThat(stream.initialPosition())
                .isEqualTo(new KinesisInitialPositions.AtTimestamp(new Date(1_700_000_000_000L)));
        assertThat(stream.checkpointInterval()).isEqualTo(new Duration(5000));
        assertThat(stream._storageLevel()).isEqualTo(StorageLevel.MEMORY_ONLY());
        assertThat(stream.kinesisCreds()).isEqualTo(stream.consumerConfig().kinesisCredentials());
        assertThat(stream.dynamoDBCreds()).isEqualTo(Option.apply(dynamo));
        assertThat(stream.cloudWatchCreds()).isEqualTo(Option.apply(cloudWatch));
        assertThat(stream.metricsLevel()).isEqualTo(MetricsLevel.SUMMARY);
        assertThat(stream.metricsEnabledDimensions()).isEqualTo(ScalaSets.of("Operation", "StreamId"));
    }

    @Test
    void endpointUrlDefaultsToTheStandardEndpointOfTheRegion() {
        assertThat(minimal().regionName("eu-west-1").build().endpointUrl())
                .isEqualTo("https://kinesis.eu-west-1.amazonaws.com");
        assertThat(minimal().regionName("cn-north-1").build().endpointUrl())
                .isEqualTo("https://kinesis.cn-north-1.amazonaws.com.cn");
    }

    @Test
    void messageHandlerIsTheScalaHandlerGiven() {
        ScalaPartitionKeyHandler handler = new ScalaPartitionKeyHandler();

        KinesisInputDStream<String> stream =
                minimal().buildWithMessageHandler(handler, ClassTag$.MODULE$.apply(String.class));

        assertThat(stream.messageHandler()).isSameAs(handler);
    }

    @Test
    void messageHandlerCallsTheJavaHandlerGiven() {
        Function<KinesisClientRecord, String> handler = record -> "key:" + record.partitionKey();

        KinesisInputDStream<String> stream = minimal().buildWithMessageHandler(handler, String.class);

        assertThat(stream.messageHandler().apply(record("k1", "data"))).isEqualTo("key:k1");
    }

    @Test
    void messageHandlerRethrowsTheJavaHandlersOwnException() {
        Function<KinesisClientRecord, String> handler = record -> {
            throw new java.io.IOException("unreadable " + record.partitionKey());
        };

        KinesisInputDStream<String> stream = minimal().buildWithMessageHandler(handler, String.class);

        assertThatThrownBy(() -> stream.messageHandler().apply(record("k1", "data")))
                .isInstanceOf(java.io.IOException.class)
                .hasMessage("unreadable k1");
    }

    @Test
    void messageHandlerOfBuildCopiesTheData() {
        scala.Function1<KinesisClientRecord, byte[]> handler = minimal().build().messageHandler();

        assertThat(handler.apply(record("k1", "data"))).isEqualTo("data".getBytes(StandardCharsets.UTF_8));
        assertThat(KinesisInputDStream.defaultMessageHandler(record("k1", "data")))
                .isEqualTo("data".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theAccessorsSurviveACheckpoint() {
        KinesisInputDStream<String> stream = fullyConfigured()
                .buildWithMessageHandler(new ScalaPartitionKeyHandler(), ClassTag$.MODULE$.apply(String.class));

        KinesisInputDStream<String> copy = roundTripAsInCheckpoint(stream);

        assertThat(copy.checkpointInterval()).isEqualTo(stream.checkpointInterval());
        assertThat(copy.messageHandler().apply(record("k1", "data"))).isEqualTo("k1");
    }

    private static KinesisClientRecord record(String partitionKey, String data) {
        return KinesisClientRecord.builder()
                .partitionKey(partitionKey)
                .data(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    // --- the built DStream ---

    @Test
    void asJavaWrapsTheSameDStream() {
        KinesisInputDStream<byte[]> stream = minimal().build();

        JavaReceiverInputDStream<byte[]> javaStream = stream.asJava();

        assertThat(javaStream.receiverInputDStream()).isSameAs(stream);
        assertThat(javaStream.dstream()).isSameAs(stream);
    }

    @Test
    void builtStreamIsAnInputStreamOfTheContext() {
        KinesisInputDStream<byte[]> stream = minimal().build();

        assertThat(ssc.graph().getReceiverInputStreams()).contains(stream);
        assertThat(stream.slideDuration()).isEqualTo(new Duration(BATCH_MILLIS));
    }

    @Test
    void receiverHasTheDefaultStorageLevel() {
        assertThat(minimal().build().getReceiver().storageLevel()).isEqualTo(StorageLevel.MEMORY_AND_DISK_2());
    }

    @Test
    void receiverHasTheConfiguredStorageLevel() {
        Receiver<byte[]> receiver = minimal().storageLevel(StorageLevel.MEMORY_ONLY_SER()).build().getReceiver();

        assertThat(receiver.storageLevel()).isEqualTo(StorageLevel.MEMORY_ONLY_SER());
    }

    @Test
    void eachCallGivesANewReceiver() {
        KinesisInputDStream<byte[]> stream = minimal().build();

        assertThat(stream.getReceiver()).isNotSameAs(stream.getReceiver());
    }

    @Test
    void receiverIsSerializable() {
        Receiver<byte[]> receiver = fullyConfigured().build().getReceiver();

        Receiver<byte[]> copy = Serialization.roundTrip(receiver);

        assertThat(copy.storageLevel()).isEqualTo(StorageLevel.MEMORY_ONLY());
    }

    @Test
    void receiverWithAJavaMessageHandlerIsSerializable() {
        Function<KinesisClientRecord, String> handler = KinesisClientRecord::partitionKey;
        Receiver<String> receiver = fullyConfigured().buildWithMessageHandler(handler, String.class).getReceiver();

        assertThat(Serialization.roundTrip(receiver).storageLevel()).isEqualTo(StorageLevel.MEMORY_ONLY());
    }

    @Test
    void receiverWithAScalaMessageHandlerIsSerializable() {
        Receiver<String> receiver = fullyConfigured()
                .buildWithMessageHandler(new ScalaPartitionKeyHandler(), ClassTag$.MODULE$.apply(String.class))
                .getReceiver();

        assertThat(Serialization.roundTrip(receiver).storageLevel()).isEqualTo(StorageLevel.MEMORY_ONLY());
    }

    @Test
    void dStreamSurvivesSerializationAsInACheckpoint() {
        KinesisInputDStream<byte[]> stream = fullyConfigured().build();

        KinesisInputDStream<byte[]> copy = roundTripAsInCheckpoint(stream);

        assertThat(copy.consumerConfig()).isEqualTo(stream.consumerConfig());
        assertThat(copy.checkpointInterval()).isEqualTo(stream.checkpointInterval());
        assertThat(copy.id()).isEqualTo(stream.id());
    }

    @Test
    void dStreamWithAMessageHandlerSurvivesSerializationAsInACheckpoint() {
        Function<KinesisClientRecord, String> handler = KinesisClientRecord::partitionKey;
        KinesisInputDStream<String> javaHandled = fullyConfigured().buildWithMessageHandler(handler, String.class);
        KinesisInputDStream<String> scalaHandled = fullyConfigured()
                .buildWithMessageHandler(new ScalaPartitionKeyHandler(), ClassTag$.MODULE$.apply(String.class));

        assertThat(roundTripAsInCheckpoint(javaHandled).consumerConfig()).isEqualTo(javaHandled.consumerConfig());
        assertThat(roundTripAsInCheckpoint(scalaHandled).consumerConfig()).isEqualTo(scalaHandled.consumerConfig());
    }

    /** Spark serializes DStreams only while it writes a checkpoint of their graph, so do as it does. */
    private static <T> T roundTripAsInCheckpoint(T stream) {
        DStreamGraph graph = ssc.graph();
        synchronized (graph) {
            graph.checkpointInProgress_$eq(true);
            try {
                return Serialization.roundTrip(stream);
            } finally {
                graph.checkpointInProgress_$eq(false);
            }
        }
    }

    private static KinesisInputDStream.Builder fullyConfigured() {
        SparkAWSCredentials sts = SparkAWSCredentials.builder()
                .basicCredentials("AKIAKINESIS0000EXAMPLE", SECRET)
                .stsCredentials("arn:aws:iam::123456789012:role/kinesis-reader", "spark-app", "external-42")
                .build();
        return minimal()
                .regionName("eu-west-1")
                .endpointUrl("https://kinesis.eu-west-1.amazonaws.com")
                .dynamoDBEndpointUrl("http://localhost:8000")
                .cloudWatchEndpointUrl("http://localhost:4566")
                .initialPosition(new KinesisInitialPositions.AtTimestamp(new Date(1_700_000_000_000L)))
                .checkpointInterval(new Duration(5000))
                .storageLevel(StorageLevel.MEMORY_ONLY())
                .kinesisCredentials(sts)
                .dynamoDBCredentials(basic("AKIADYNAMO00000EXAMPLE"))
                .cloudWatchCredentials(SparkAWSCredentials.builder().build())
                .metricsLevel(MetricsLevel.SUMMARY)
                .metricsEnabledDimensions(Set.of("Operation", "StreamId"))
                .kclTuning(KclTuning.DEFAULTS.withFailoverTime(java.time.Duration.ofSeconds(5)))
                .maxRecordsPerRead(500)
                .idleTimeBetweenReads(new Duration(250))
                .maxPrefetchBytesPerShard(1_000_000);
    }

    private static SparkAWSCredentials basic(String accessKeyId) {
        return SparkAWSCredentials.builder().basicCredentials(accessKeyId, SECRET).build();
    }

}
