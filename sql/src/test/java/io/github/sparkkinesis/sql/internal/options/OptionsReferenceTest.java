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
        assertThat(documentedOptions("source-options")).containsExactlyElementsOf(KnownOptions.ALL);
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
    void everySinkOptionIsDocumentedInOrderAndNothingElse() throws IOException {
        assertThat(documentedOptions("sink-options")).containsExactlyElementsOf(KnownSinkOptions.ALL);
    }

    @Test
    void theDocumentedSinkDefaultsAreTheCodesDefaults() throws IOException {
        String table = section("sink-options");

        assertThat(table).contains(row(KnownSinkOptions.RANDOM_PARTITION_KEY,
                code(String.valueOf(KnownSinkOptions.DEFAULT_RANDOM_PARTITION_KEY))));
        assertThat(table).contains(row(KnownSinkOptions.AGGREGATE,
                code(String.valueOf(KnownSinkOptions.DEFAULT_AGGREGATE))));
        assertThat(table).contains(row(KnownSinkOptions.MAX_RECORDS_PER_CALL,
                code(String.valueOf(KnownSinkOptions.DEFAULT_MAX_RECORDS_PER_CALL))));
        assertThat(table).contains(row(KnownSinkOptions.MAX_BYTES_PER_CALL,
                code(KnownSinkOptions.DEFAULT_MAX_BYTES_PER_CALL / (1024 * 1024) + "m")));
        assertThat(table).contains(row(KnownSinkOptions.STRICT_KEY_ORDER,
                code(String.valueOf(KnownSinkOptions.DEFAULT_STRICT_KEY_ORDER))));
        assertThat(table).contains(row(KnownSinkOptions.DROP_OVERSIZED_RECORDS,
                code(String.valueOf(KnownSinkOptions.DEFAULT_DROP_OVERSIZED_RECORDS))));
        assertThat(table).contains(row(KnownSinkOptions.MAX_PUT_ATTEMPTS,
                code(String.valueOf(KnownSinkOptions.DEFAULT_MAX_PUT_ATTEMPTS))));
        assertThat(table).contains(row(KnownSinkOptions.RETRY_WAIT_TIME,
                code(OptionReader.sparkDuration(KnownSinkOptions.DEFAULT_RETRY_WAIT_TIME))));
        assertThat(table).contains(row(KnownSinkOptions.MAX_RETRY_DURATION,
                code(OptionReader.sparkDuration(KnownSinkOptions.DEFAULT_MAX_RETRY_DURATION))));
        assertThat(table).contains(row(KnownOptions.ROLE_SESSION_NAME, code(KnownOptions.DEFAULT_ROLE_SESSION_NAME)));
        assertThat(rowOf(table, KnownSinkOptions.RETRY_WAIT_TIME)).contains("up to "
                + KnownSinkOptions.MAX_RETRY_WAIT.toSeconds() + " s");
    }

    @Test
    void theOptionsSparkPassesItselfAreNamed() throws IOException {
        String text = Files.readString(reference(), StandardCharsets.UTF_8);

        for (String sparkOption : KnownOptions.SPARK_OPTIONS) {
            assertThat(text).contains("`" + sparkOption + "`");
        }
        for (String sparkOption : KnownSinkOptions.SPARK_OPTIONS) {
            assertThat(text).contains("`" + sparkOption + "`");
        }
    }

    /** The option names of a table, in its order. */
    private static List<String> documentedOptions(String marker) throws IOException {
        List<String> documented = new ArrayList<>();
        for (String row : section(marker).split("\n")) {
            Matcher option = OPTION_CELL.matcher(row);
            if (option.find()) {
                documented.add(option.group(1));
            }
        }
        return documented;
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
        return section("source-options");
    }

    /** The text between {@code <!-- marker:start -->} and {@code <!-- marker:end -->}. */
    private static String section(String marker) throws IOException {
        String text = Files.readString(reference(), StandardCharsets.UTF_8);
        int start = text.indexOf("<!-- " + marker + ":start -->");
        int end = text.indexOf("<!-- " + marker + ":end -->");
        assertThat(start).as("%s markers in %s", marker, reference().toAbsolutePath()).isPositive();
        assertThat(end).as("%s end marker in %s", marker, reference().toAbsolutePath()).isGreaterThan(start);
        return text.substring(start, end);
    }

    /** The build names the repository's root; a run from the sql folder falls back to "..". */
    private static Path reference() {
        return Paths.get(System.getProperty("sparkkinesis.repository.root", "..")).resolve(
                "docs/structured-streaming.md");
    }
}
