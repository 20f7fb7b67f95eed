package org.apache.spark.streaming.kinesis.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.junit.jupiter.api.Test;

class KclTuningTest {

    @Test
    void defaultsAreTheDocumentedValues() {
        KclTuning defaults = KclTuning.DEFAULTS;

        assertThat(defaults.failoverTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.leaseAssignmentInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(defaults.idleTimeBetweenReads()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.maxRecordsPerRead()).isEqualTo(10_000);
        assertThat(defaults.parentShardPollInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void withMethodsChangeOneValueInACopy() {
        KclTuning tuned = KclTuning.DEFAULTS
                .withFailoverTime(Duration.ofSeconds(3))
                .withLeaseAssignmentInterval(Duration.ofMillis(500))
                .withIdleTimeBetweenReads(Duration.ofMillis(200))
                .withMaxRecordsPerRead(100)
                .withParentShardPollInterval(Duration.ofMillis(300));

        assertThat(tuned.failoverTime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(tuned.leaseAssignmentInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(tuned.idleTimeBetweenReads()).isEqualTo(Duration.ofMillis(200));
        assertThat(tuned.maxRecordsPerRead()).isEqualTo(100);
        assertThat(tuned.parentShardPollInterval()).isEqualTo(Duration.ofMillis(300));
        assertThat(KclTuning.DEFAULTS.failoverTime()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void nonPositiveDurationsAreRejected() {
        assertThatThrownBy(() -> KclTuning.DEFAULTS.withFailoverTime(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failoverTime must be positive, got PT0S");
        assertThatThrownBy(() -> KclTuning.DEFAULTS.withLeaseAssignmentInterval(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leaseAssignmentInterval must be positive, got PT-1S");
        assertThatThrownBy(() -> KclTuning.DEFAULTS.withIdleTimeBetweenReads(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("idleTimeBetweenReads must be positive, got null");
        assertThatThrownBy(() -> KclTuning.DEFAULTS.withParentShardPollInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parentShardPollInterval must be positive");
    }

    @Test
    void maxRecordsPerReadMustBeWithinTheKinesisLimit() {
        assertThat(KclTuning.DEFAULTS.withMaxRecordsPerRead(1).maxRecordsPerRead()).isEqualTo(1);
        assertThatThrownBy(() -> KclTuning.DEFAULTS.withMaxRecordsPerRead(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRecordsPerRead must be between 1 and 10000, got 0");
        assertThatThrownBy(() -> KclTuning.DEFAULTS.withMaxRecordsPerRead(10_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRecordsPerRead must be between 1 and 10000, got 10001");
    }

    @Test
    void equalTuningsAreEqualAndSurviveSerialization() {
        KclTuning tuned = KclTuning.DEFAULTS.withMaxRecordsPerRead(500);

        assertThat(tuned)
                .isEqualTo(KclTuning.DEFAULTS.withMaxRecordsPerRead(500))
                .hasSameHashCodeAs(KclTuning.DEFAULTS.withMaxRecordsPerRead(500))
                .isNotEqualTo(KclTuning.DEFAULTS);
        assertThat(Serialization.roundTrip(tuned)).isEqualTo(tuned);
    }
}
