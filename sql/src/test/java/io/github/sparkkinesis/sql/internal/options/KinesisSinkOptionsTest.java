package io.github.sparkkinesis.sql.internal.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;
import org.junit.jupiter.api.Test;

class KinesisSinkOptionsTest {

    private static KinesisSinkOptions parse(String... keysAndValues) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            options.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return KinesisSinkOptions.parse(new CaseInsensitiveStringMap(options));
    }

    @Test
    void defaultsAreTheNamedConstants() {
        KinesisSinkOptions options = parse();

        assertThat(options.streamName()).isEmpty();
        assertThat(options.partitionKey()).isEmpty();
        assertThat(options.randomPartitionKey()).isFalse();
        assertThat(options.aggregate()).isFalse();
        assertThat(options.maxRecordsPerCall()).isEqualTo(500);
        assertThat(options.maxBytesPerCall()).isEqualTo(5L * 1024 * 1024);
        assertThat(options.strictKeyOrder()).isFalse();
        assertThat(options.dropOversizedRecords()).isFalse();
        assertThat(options.maxPutAttempts()).isEqualTo(KnownSinkOptions.DEFAULT_MAX_PUT_ATTEMPTS);
        assertThat(options.retryWaitTime()).isEqualTo(Duration.ofMillis(100));
        assertThat(options.maxRetryDuration()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void valuesAreTakenInAnyCase() {
        KinesisSinkOptions options = parse("STREAMNAME", "orders", "partitionkey", "k", "aggregate", "TRUE",
                "maxRecordsPerCall", "100", "maxBytesPerCall", "1m", "maxPutAttempts", "3", "retryWaitTime", "1s",
                "maxRetryDuration", "30s", "strictKeyOrder", "true", "dropOversizedRecords", "true",
                "region", "eu-west-1");

        assertThat(options.streamName()).contains("orders");
        assertThat(options.partitionKey()).contains("k");
        assertThat(options.aggregate()).isTrue();
        assertThat(options.maxRecordsPerCall()).isEqualTo(100);
        assertThat(options.maxBytesPerCall()).isEqualTo(1024 * 1024);
        assertThat(options.maxPutAttempts()).isEqualTo(3);
        assertThat(options.retryWaitTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.maxRetryDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.strictKeyOrder()).isTrue();
        assertThat(options.dropOversizedRecords()).isTrue();
        assertThat(options.connection().region()).contains("eu-west-1");
    }

    @Test
    void kinesisLimitsAreEnforced() {
        assertThatThrownBy(() -> parse("maxRecordsPerCall", "501")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'maxRecordsPerCall'").hasMessageContaining("from 1 to 500");
        assertThatThrownBy(() -> parse("maxBytesPerCall", "6m")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'maxBytesPerCall'").hasMessageContaining("at most 5m");
        assertThatThrownBy(() -> parse("partitionKey", "x".repeat(257)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 256 characters");
    }

    @Test
    void aConstantAndARandomKeyExcludeEachOther() {
        assertThatThrownBy(() -> parse("partitionKey", "k", "randomPartitionKey", "true"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'randomPartitionKey'").hasMessageContaining("keep one of the two");
    }

    @Test
    void oneStreamOnly() {
        assertThatThrownBy(() -> parse("streamName", "a,b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one stream name when writing");
    }

    @Test
    void aTypoOfASinkOptionFailsNamingTheOptionMeant() {
        assertThatThrownBy(() -> parse("agregate", "true")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown option 'agregate' for the kinesis sink: did you mean 'aggregate'?");
    }

    @Test
    void theConnectionOptionsAreCheckedAsTheReadersAre() {
        assertThatThrownBy(() -> parse("endpoint", "ftp://x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Option 'endpoint'");
        assertThatThrownBy(() -> parse("awsAccessKey", "a")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'awsSecretKey' of format kinesis is missing");
    }
}
