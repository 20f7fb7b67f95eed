package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaReceiverInputDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfig;
import org.apache.spark.streaming.kinesis.internal.config.PollingSettings;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * The JVM entry point of the project's Python package, called as py4j calls it: Python ints arrive as Integer (or
 * Long beyond 32 bits), None as null, a Python list as an ArrayList of strings.
 */
@ExtendWith(StreamingContextExtension.class)
class KinesisPythonStreamBuilderTest {

    private static final String ENDPOINT = "https://kinesis.eu-west-1.amazonaws.com";
    private static final String ROLE = "arn:aws:iam::123456789012:role/leases";
    private JavaStreamingContext jssc;

    @BeforeEach
    void createContext(StreamingContexts contexts) {
        jssc = contexts.create();
    }

    /** What the Python package sends for a PySpark-style call, in its order. */
    private KinesisPythonStreamBuilder pysparkStyle() {
        return new KinesisPythonStreamBuilder(jssc)
                .checkpointAppName("orders-app")
                .streamName("orders")
                .endpointUrl(ENDPOINT)
                .regionName("eu-west-1")
                .initialPosition(Integer.valueOf(1))
                .checkpointInterval(new Duration(10_000))
                .metricsLevel(Integer.valueOf(0))
                .kinesisCredentials(null, null, null, null, null);
    }

    private static KinesisConsumerConfig configOf(JavaReceiverInputDStream<byte[]> stream) {
        return ((KinesisInputDStream<byte[]>) stream.receiverInputDStream()).consumerConfig();
    }

    @Test
    void aPySparkStyleDefinitionGetsTheBuildersDefaultsForTheRest() {
        KinesisConsumerConfig config = configOf(pysparkStyle().build());

        assertThat(config.checkpointAppName()).isEqualTo("orders-app");
        assertThat(config.streamName()).isEqualTo("orders");
        assertThat(config.regionName()).isEqualTo("eu-west-1");
        assertThat(config.initialPosition()).isEqualTo(new KinesisInitialPositions.TrimHorizon());
        assertThat(config.checkpointInterval()).contains(java.time.Duration.ofSeconds(10));
        assertThat(config.metricsLevel()).isEqualTo(MetricsLevel.DETAILED);
        assertThat(config.storageLevel()).isEqualTo(StorageLevel.MEMORY_AND_DISK_2());
        assertThat(config.kinesisCredentials()).isEqualTo(SparkAWSCredentials.builder().build());
        assertThat(config.dynamoDBEndpoint()).isEmpty();
    }

    @Test
    void thePollingOptionsReachTheConfiguration() {
        KinesisConsumerConfig config = configOf(pysparkStyle()
                .maxRecordsPerRead(Integer.valueOf(2_000))
                .idleTimeBetweenReads(new Duration(250))
                .maxPrefetchBytesPerShard(Integer.valueOf(16 << 20))
                .build());

        assertThat(config.polling()).isEqualTo(
                new PollingSettings(2_000, java.time.Duration.ofMillis(250), 16L << 20));
    }

    @Test
    void theLeaseFailoverTimeReachesTheConfiguration() {
        KinesisConsumerConfig config = configOf(pysparkStyle().leaseFailoverTime(new Duration(30_000)).build());

        assertThat(config.kclTuning().failoverTime()).isEqualTo(java.time.Duration.ofSeconds(30));
    }

    @Test
    void theConnectorsOptionsReachTheConfiguration() {
        KinesisConsumerConfig config = configOf(pysparkStyle()
                .initialPositionAtTimestamp(Long.valueOf(1_793_536_215_250L))
                .storageLevel(StorageLevel.MEMORY_ONLY())
                .metricsLevel(Integer.valueOf(1))
                .metricsEnabledDimensions(new ArrayList<>(List.of("Operation", "StreamId")))
                .dynamoDBEndpointUrl("http://127.0.0.1:8000")
                .cloudWatchEndpointUrl("http://127.0.0.1:8001")
                .kinesisCredentials("AKIAKINESIS", "k-secret", null, null, null)
                .dynamoDBCredentials(null, null, ROLE, "leases", null)
                .cloudWatchCredentials("AKIACW", "cw-secret", ROLE, "metrics", "ext")
                .build());

        assertThat(config.initialPosition())
                .isEqualTo(new KinesisInitialPositions.AtTimestamp(new Date(1_793_536_215_250L)));
        assertThat(config.storageLevel()).isEqualTo(StorageLevel.MEMORY_ONLY());
        assertThat(config.metricsLevel()).isEqualTo(MetricsLevel.SUMMARY);
        assertThat(config.metricsEnabledDimensions()).containsExactlyInAnyOrder("Operation", "StreamId");
        assertThat(config.dynamoDBEndpoint()).hasValueSatisfying(uri -> assertThat(uri).hasToString(
                "http://127.0.0.1:8000"));
        assertThat(config.cloudWatchEndpoint()).hasValueSatisfying(uri -> assertThat(uri).hasToString(
                "http://127.0.0.1:8001"));
        assertThat(config.kinesisCredentials())
                .isEqualTo(SparkAWSCredentials.builder().basicCredentials("AKIAKINESIS", "k-secret").build());
        assertThat(config.dynamoDBCredentials())
                .isEqualTo(SparkAWSCredentials.builder().stsCredentials(ROLE, "leases").build());
        assertThat(config.cloudWatchCredentials()).isEqualTo(SparkAWSCredentials.builder()
                .basicCredentials("AKIACW", "cw-secret").stsCredentials(ROLE, "metrics", "ext").build());
    }

    @Test
    void invalidValuesAreRejectedWithTheBuildersMessages() {
        assertThatThrownBy(() -> pysparkStyle().metricsEnabledDimensions(List.of("Shard")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metricsEnabledDimensions contains unknown dimensions [Shard]");
        assertThatThrownBy(() -> pysparkStyle().initialPosition(Integer.valueOf(5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Illegal InitialPositionInStream 5");
        assertThatThrownBy(() -> pysparkStyle().dynamoDBCredentials(null, null, null, null, "ext"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stsExternalId needs them");
        assertThatThrownBy(() -> new KinesisPythonStreamBuilder(jssc).streamName("orders").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No value provided for required parameter checkpointAppName");
    }

    @Test
    void everyMethodThePythonPackageCallsExistsWithOnlyPy4jFriendlyParameters() throws IOException {
        Set<String> called = Pattern.compile("builder\\.(\\w+)\\(").matcher(pythonSource()).results()
                .map(match -> match.group(1)).collect(Collectors.toCollection(java.util.TreeSet::new));
        Set<Class<?>> py4jTypes = Set.of(String.class, int.class, long.class, List.class, Duration.class,
                StorageLevel.class);
        List<Method> methods = Arrays.stream(KinesisPythonStreamBuilder.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers())).toList();

        assertThat(called).contains("checkpointAppName", "initialPositionAtTimestamp", "dynamoDBCredentials",
                "build");
        assertThat(methods.stream().map(Method::getName)).containsAll(called);
        assertThat(methods).allSatisfy(method ->
                assertThat(py4jTypes).containsAll(Arrays.asList(method.getParameterTypes())));
    }

    private static String pythonSource() throws IOException {
        Path source = Paths.get(System.getProperty("sparkkinesis.repository.root", ".."), "connector", "src", "main",
                "python", "spark_streaming_kinesis", "kinesis.py");
        return Files.readString(source, StandardCharsets.UTF_8);
    }
}
