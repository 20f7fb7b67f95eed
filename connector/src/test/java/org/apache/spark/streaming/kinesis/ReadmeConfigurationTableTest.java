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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's configuration table lists exactly the public builder methods, with the defaults the code has. */
class ReadmeConfigurationTableTest {

    private static final Pattern METHOD = Pattern.compile("`(\\w+)\\(");

    @Test
    void everyPublicBuilderMethodIsDocumentedAndNothingElse() throws IOException {
        String table = configurationTable();
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
        String table = configurationTable();

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
    }

    private static String configurationTable() throws IOException {
        // Set by the build for every module; the fallback serves a run from the connector folder.
        Path readme = Paths.get(System.getProperty("sparkkinesis.repository.root", ".."), "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int start = text.indexOf("<!-- builder-options:start -->");
        int end = text.indexOf("<!-- builder-options:end -->");
        assertThat(start).as("configuration table markers in %s", readme.toAbsolutePath()).isPositive();
        return text.substring(start, end);
    }
}
