package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.streaming.kinesis.internal.config.ReceiverSettings;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRetrySettings;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md lists exactly the public builder methods with the code's defaults, the Spark settings the
 * connector reads, and the Python package's options.
 */
class ConfigurationReferenceTest {

    private static final Pattern METHOD = Pattern.compile("`(\\w+)\\(");

    @Test
    void everyPublicBuilderMethodIsDocumentedAndNothingElse() throws IOException {
        String table = section("builder-options");
        Set<String> documented = new TreeSet<>();
        for (String row : table.split("\n")) {
            if (row.startsWith("| `")) {
                Matcher methods = METHOD.matcher(row.substring(0, row.indexOf(" |", 2)));
                while (methods.find()) {
                    documented.add(methods.group(1));
                }
            }
        }
        Set<String> publicMethods = Arrays.stream(KinesisInputDStream.Builder.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()))
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented).isEqualTo(publicMethods);
    }

    @Test
    void theDocumentedDefaultsAreTheCodesDefaults() throws IOException {
        String table = section("builder-options");

        assertThat(table).contains("`" + KinesisInputDStream.DEFAULT_KINESIS_ENDPOINT_URL + "`");
        assertThat(table)
                .contains("| `regionName(String)` | `" + KinesisInputDStream.DEFAULT_KINESIS_REGION_NAME + "`");
        assertThat(table)
                .contains("| `metricsLevel(MetricsLevel)` | `" + KinesisInputDStream.DEFAULT_METRICS_LEVEL + "`");
        String dimensionsRow = Arrays.stream(table.split("\n"))
                .filter(row -> row.startsWith("| `metricsEnabledDimensions("))
                .findFirst().orElseThrow();
        String dimensionsDefault = dimensionsRow.split(" \\| ")[1];
        KinesisInputDStream.DEFAULT_METRICS_ENABLED_DIMENSIONS
                .forEach(dimension -> assertThat(dimensionsDefault).contains("`" + dimension + "`"));
        assertThat(table).contains("| `storageLevel(StorageLevel)` | `MEMORY_AND_DISK_2`");
        assertThat(table).contains("| `maxRecordsPerRead(int)` | `"
                + KinesisInputDStream.DEFAULT_MAX_RECORDS_PER_READ + "`");
        assertThat(table).contains("| `idleTimeBetweenReads(Duration)` | `"
                + KinesisInputDStream.DEFAULT_IDLE_TIME_BETWEEN_READS.milliseconds() + " ms`");
        assertThat(table).contains("| `maxPrefetchBytesPerShard(long)` | `"
                + KinesisInputDStream.DEFAULT_MAX_PREFETCH_BYTES_PER_SHARD + "`");
        assertThat(table).contains("| `leaseFailoverTime(Duration)` | `"
                + KinesisInputDStream.DEFAULT_LEASE_FAILOVER_TIME.milliseconds() + " ms`");
    }

    @Test
    void theRetrySettingsAreDocumentedWithTheirDefaults() throws IOException {
        String table = section("spark-settings");

        assertThat(table).contains("| `" + KinesisRetrySettings.WAIT_TIME_KEY + "` | `"
                + KinesisRetrySettings.DEFAULT_WAIT_TIME + "` |");
        assertThat(table).contains("| `" + KinesisRetrySettings.MAX_ATTEMPTS_KEY + "` | `"
                + KinesisRetrySettings.DEFAULT_MAX_ATTEMPTS + "` |");
        assertThat(table).contains("| `" + ReceiverSettings.HANDLER_FAILURE_ACTION_KEY + "` | `"
                + ReceiverSettings.DEFAULT_HANDLER_FAILURE_ACTION.name().toLowerCase(Locale.ROOT) + "` |");
        assertThat(table).contains("| `" + ReceiverSettings.HANDLER_MAX_ATTEMPTS_KEY + "` | `"
                + ReceiverSettings.DEFAULT_HANDLER_MAX_ATTEMPTS + "` |");
        assertThat(table).contains("| `" + ReceiverSettings.SETUP_MAX_ATTEMPTS_KEY + "` | `"
                + ReceiverSettings.DEFAULT_SETUP_MAX_ATTEMPTS + "` |");
        assertThat(table).contains("| `" + ReceiverSettings.CHECKPOINT_BEFORE_BATCH_COMPLETES_KEY + "` | `"
                + ReceiverSettings.DEFAULT_CHECKPOINT_BEFORE_BATCH_COMPLETES + "` |");
    }

    @Test
    void everyPythonOptionIsDocumentedAndNothingElse() throws IOException {
        String source = Files.readString(repositoryFile("connector/src/main/python/spark_streaming_kinesis/kinesis.py"),
                StandardCharsets.UTF_8);
        String signature = source.substring(source.indexOf("def createStream("), source.indexOf("):",
                source.indexOf("def createStream(")));
        Set<String> parameters = Arrays.stream(signature.substring(signature.indexOf('(') + 1).split(","))
                .map(parameter -> parameter.split("=")[0].trim())
                .filter(name -> !name.isEmpty() && !name.equals("*"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        for (String row : section("python-options").split("\n")) {
            if (row.startsWith("| `")) {
                Matcher names = Pattern.compile("`(\\w+)`").matcher(row.substring(0, row.indexOf(" |", 2)));
                while (names.find()) {
                    documented.add(names.group(1));
                }
            }
        }
        // PySpark documents these; they mean what they mean there.
        Set<String> undocumented = Set.of("ssc", "kinesisAppName", "streamName", "endpointUrl", "regionName");

        assertThat(documented).doesNotContainAnyElementsOf(undocumented);
        assertThat(parameters).containsAll(undocumented);
        assertThat(documented).isEqualTo(parameters.stream().filter(name -> !undocumented.contains(name))
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    private static String section(String marker) throws IOException {
        Path reference = repositoryFile("docs/configuration.md");
        String text = Files.readString(reference, StandardCharsets.UTF_8);
        int start = text.indexOf("<!-- " + marker + ":start -->");
        int end = text.indexOf("<!-- " + marker + ":end -->");
        assertThat(start).as("%s markers in %s", marker, reference.toAbsolutePath()).isPositive();
        assertThat(end).as("%s end marker in %s", marker, reference.toAbsolutePath()).isGreaterThan(start);
        return text.substring(start, end);
    }

    /** A file of the repository: the build names its root; a run from the connector folder falls back to "..". */
    private static Path repositoryFile(String relativePath) {
        return Paths.get(System.getProperty("sparkkinesis.repository.root", "..")).resolve(relativePath);
    }
}
