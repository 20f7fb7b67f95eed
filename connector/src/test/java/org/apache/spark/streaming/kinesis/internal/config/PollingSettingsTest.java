package org.apache.spark.streaming.kinesis.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.junit.jupiter.api.Test;

class PollingSettingsTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        assertThat(PollingSettings.DEFAULTS.maxRecordsPerRead()).isEqualTo(10_000);
        assertThat(PollingSettings.DEFAULTS.idleTimeBetweenReads()).isEqualTo(Duration.ofMillis(300));
        assertThat(PollingSettings.DEFAULTS.maxPrefetchBytesPerShard()).isEqualTo(8L * 1024 * 1024);
    }

    @Test
    void maxRecordsPerReadMustBeWithinTheKinesisLimit() {
        assertThat(new PollingSettings(1, Duration.ofMillis(200), 1).maxRecordsPerRead()).isEqualTo(1);
        assertThatThrownBy(() -> new PollingSettings(0, Duration.ofSeconds(1), 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRecordsPerRead must be between 1 and 10000 (the most one GetRecords call returns), "
                        + "got 0");
        assertThatThrownBy(() -> new PollingSettings(10_001, Duration.ofSeconds(1), 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 10001");
    }

    @Test
    void idleTimeBelowTheKinesisCallLimitIsRejected() {
        assertThatThrownBy(() -> new PollingSettings(100, Duration.ofMillis(199), 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idleTimeBetweenReads must be at least 200 ms (Kinesis allows 5 GetRecords calls per "
                        + "second and shard), got 199 ms");
    }

    @Test
    void prefetchBytesMustBePositiveAndFitTheKcl() {
        assertThatThrownBy(() -> new PollingSettings(100, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("maxPrefetchBytesPerShard must be between 1 and 2147483647 bytes, got 0");
        assertThatThrownBy(() -> new PollingSettings(100, Duration.ofSeconds(1), 1L << 31))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 2147483648");
    }

    @Test
    void equalSettingsAreEqualAndSurviveSerialization() {
        PollingSettings settings = new PollingSettings(500, Duration.ofMillis(250), 1_000_000);

        assertThat(settings)
                .isEqualTo(new PollingSettings(500, Duration.ofMillis(250), 1_000_000))
                .hasSameHashCodeAs(new PollingSettings(500, Duration.ofMillis(250), 1_000_000))
                .isNotEqualTo(PollingSettings.DEFAULTS);
        assertThat(Serialization.roundTrip(settings)).isEqualTo(settings);
        assertThat(settings.toString())
                .isEqualTo("PollingSettings[maxRecordsPerRead=500, idleTimeBetweenReads=250ms, "
                        + "maxPrefetchBytesPerShard=1000000]");
    }

    @Test
    void theReceiverPrefetchBudgetMustHoldMoreThanOneAnswer() {
        assertThat(PollingSettings.DEFAULTS.maxPrefetchBytesPerReceiver()).isEqualTo(256L * 1024 * 1024);
        assertThat(new PollingSettings(100, Duration.ofSeconds(1), 1024, 16L << 20).maxPrefetchBytesPerReceiver())
                .isEqualTo(16L << 20);
        assertThatThrownBy(() -> new PollingSettings(100, Duration.ofSeconds(1), 1024, (16L << 20) - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxPrefetchBytesPerReceiver must be at least 16777216");
    }
}
