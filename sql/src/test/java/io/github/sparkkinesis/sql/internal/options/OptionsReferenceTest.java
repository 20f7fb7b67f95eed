package io.github.sparkkinesis.sql.internal.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/structured-streaming.md lists exactly the options the source knows, with the code's defaults. */
class OptionsReferenceTest {

    private static final Pattern OPTION_CELL = Pattern.compile("^\\| `(\\w+)` \\|");

    @Test
    void everyKnownOptionIsDocumentedInOrderAndNothingElse() throws IOException {
        List<String> documented = new ArrayList<>();
        for (String row : section().split("\n")) {
            Matcher option = OPTION_CELL.matcher(row);
            if (option.find()) {
                documented.add(option.group(1));
            }
        }

        assertThat(documented).containsExactlyElementsOf(KnownOptions.ALL);
    }

    @Test
    void theDocumentedDefaultsAreTheCodesDefaults() throws IOException {
        String table = section();

        assertThat(table).contains(row(KnownOptions.STREAM_NAME, "required"));
        assertThat(table).contains(row(KnownOptions.ROLE_SESSION_NAME, code(KnownOptions.DEFAULT_ROLE_SESSION_NAME)));
        assertThat(table).contains(row(KnownOptions.INITIAL_POSITION, code(KnownOptions.DEFAULT_INITIAL_POSITION)));
        assertThat(table).contains(row(KnownOptions.MAX_RECORDS_PER_FETCH,
                code(String.valueOf(KnownOptions.DEFAULT_MAX_RECORDS_PER_FETCH))));
        assertThat(table).contains(row(KnownOptions.SHARD_FETCH_INTERVAL,
                code(OptionReader.sparkDuration(KnownOptions.DEFAULT_SHARD_FETCH_INTERVAL))));
        assertThat(table).contains(row(KnownOptions.MAX_FETCH_DURATION,
                code(OptionReader.sparkDuration(KnownOptions.DEFAULT_MAX_FETCH_DURATION))));
        assertThat(table).contains(row(KnownOptions.SHARD_LIST_REFRESH_INTERVAL,
                code(OptionReader.sparkDuration(KnownOptions.DEFAULT_SHARD_LIST_REFRESH_INTERVAL))));
        assertThat(table).contains(row(KnownOptions.FAIL_ON_DATA_LOSS,
                code(String.valueOf(KnownOptions.DEFAULT_FAIL_ON_DATA_LOSS))));
        assertThat(table).contains(row(KnownOptions.CONSUMER_MODE, code(KnownOptions.DEFAULT_CONSUMER_MODE)));
        assertThat(table).contains(row(KnownOptions.MAX_RECORDS_PER_TRIGGER, "no limit"));
        assertThat(table).contains(row(KnownOptions.MAX_BYTES_PER_TRIGGER, "no limit"));
    }

    @Test
    void theDocumentedLimitsAreTheCodesLimits() throws IOException {
        String table = section();

        assertThat(rowOf(table, KnownOptions.SHARD_FETCH_INTERVAL))
                .contains("at least " + code(OptionReader.sparkDuration(KnownOptions.MIN_SHARD_FETCH_INTERVAL)));
        assertThat(rowOf(table, KnownOptions.SHARD_LIST_REFRESH_INTERVAL))
                .contains("at least " + code(OptionReader.sparkDuration(KnownOptions.MIN_SHARD_LIST_REFRESH_INTERVAL)));
        assertThat(rowOf(table, KnownOptions.MAX_RECORDS_PER_FETCH)).contains("1 to 10,000");
        assertThat(KnownOptions.MAX_MAX_RECORDS_PER_FETCH).isEqualTo(10_000);
    }

    @Test
    void theOptionsSparkPassesItselfAreNamed() throws IOException {
        String text = Files.readString(reference(), StandardCharsets.UTF_8);

        for (String sparkOption : KnownOptions.SPARK_OPTIONS) {
            assertThat(text).contains("`" + sparkOption + "`");
        }
    }

    private static String row(String option, String defaultValue) {
        return "| `" + option + "` | " + defaultValue + " |";
    }

    private static String rowOf(String table, String option) {
        return table.lines().filter(line -> line.startsWith("| `" + option + "` |")).findFirst().orElseThrow();
    }

    private static String code(String value) {
        return "`" + value + "`";
    }

    private static String section() throws IOException {
        String text = Files.readString(reference(), StandardCharsets.UTF_8);
        int start = text.indexOf("<!-- source-options:start -->");
        int end = text.indexOf("<!-- source-options:end -->");
        assertThat(start).as("source-options markers in %s", reference().toAbsolutePath()).isPositive();
        assertThat(end).as("source-options end marker in %s", reference().toAbsolutePath()).isGreaterThan(start);
        return text.substring(start, end);
    }

    /** The build names the repository's root; a run from the sql folder falls back to "..". */
    private static Path reference() {
        return Paths.get(System.getProperty("sparkkinesis.repository.root", "..")).resolve(
                "docs/structured-streaming.md");
    }
}
