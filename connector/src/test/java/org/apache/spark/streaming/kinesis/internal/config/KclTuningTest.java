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
        assertThat(defaults.parentShardPollInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void withMethodsChangeOneValueInACopy() {
        KclTuning tuned = KclTuning.DEFAULTS
                .withFailoverTime(Duration.ofSeconds(3))
                .withLeaseAssignmentInterval(Duration.ofMillis(500))
                .withParentShardPollInterval(Duration.ofMillis(300));

        assertThat(tuned.failoverTime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(tuned.leaseAssignmentInterval()).isEqualTo(Duration.ofMillis(500));
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
        assertThatThrownBy(() -> KclTuning.DEFAULTS.withFailoverTime(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failoverTime must be positive, got null");
        assertThatThrownBy(() -> KclTuning.DEFAULTS.withParentShardPollInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parentShardPollInterval must be positive");
    }

    @Test
    void equalTuningsAreEqualAndSurviveSerialization() {
        KclTuning tuned = KclTuning.DEFAULTS.withFailoverTime(Duration.ofSeconds(5));

        assertThat(tuned)
                .isEqualTo(KclTuning.DEFAULTS.withFailoverTime(Duration.ofSeconds(5)))
                .hasSameHashCodeAs(KclTuning.DEFAULTS.withFailoverTime(Duration.ofSeconds(5)))
                .isNotEqualTo(KclTuning.DEFAULTS);
        assertThat(Serialization.roundTrip(tuned)).isEqualTo(tuned);
    }
}
