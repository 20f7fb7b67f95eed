package io.github.sparkkinesis.sql.internal.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.junit.jupiter.api.Test;

class InitialPositionTest {

    private static final Instant TIME = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void kindsAndTimestamps() {
        assertThat(InitialPosition.latest().kind()).isEqualTo(InitialPosition.Kind.LATEST);
        assertThat(InitialPosition.latest().timestamp()).isEmpty();
        assertThat(InitialPosition.trimHorizon().kind()).isEqualTo(InitialPosition.Kind.TRIM_HORIZON);
        assertThat(InitialPosition.trimHorizon().timestamp()).isEmpty();
        assertThat(InitialPosition.atTimestamp(TIME).kind()).isEqualTo(InitialPosition.Kind.AT_TIMESTAMP);
        assertThat(InitialPosition.atTimestamp(TIME).timestamp()).contains(TIME);
    }

    @Test
    void toStringSaysItAsTheOptionDoes() {
        assertThat(InitialPosition.latest()).hasToString("latest");
        assertThat(InitialPosition.trimHorizon()).hasToString("trim_horizon");
        assertThat(InitialPosition.atTimestamp(TIME)).hasToString("at_timestamp 2026-11-01T00:00:00Z");
    }

    @Test
    void equalityIsByKindAndTime() {
        assertThat(InitialPosition.atTimestamp(TIME)).isEqualTo(InitialPosition.atTimestamp(TIME))
                .hasSameHashCodeAs(InitialPosition.atTimestamp(TIME))
                .isNotEqualTo(InitialPosition.atTimestamp(TIME.plusMillis(1)))
                .isNotEqualTo(InitialPosition.latest());
        assertThat(InitialPosition.latest()).isNotEqualTo(InitialPosition.trimHorizon());
    }

    @Test
    void survivesSerialization() {
        assertThat(Serialization.roundTrip(InitialPosition.latest())).isEqualTo(InitialPosition.latest());
        assertThat(Serialization.roundTrip(InitialPosition.trimHorizon())).isEqualTo(InitialPosition.trimHorizon());
        assertThat(Serialization.roundTrip(InitialPosition.atTimestamp(TIME)))
                .isEqualTo(InitialPosition.atTimestamp(TIME));
    }

    @Test
    void aTimestampIsRequired() {
        assertThatThrownBy(() -> InitialPosition.atTimestamp(null)).isInstanceOf(NullPointerException.class);
    }
}
