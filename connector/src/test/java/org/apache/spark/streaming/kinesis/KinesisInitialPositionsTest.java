package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.common.InitialPositionInStream;

class KinesisInitialPositionsTest {

    private static final Instant INSTANT = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void latestMapsToKclLatest() {
        assertThat(new KinesisInitialPositions.Latest().getPosition()).isEqualTo(InitialPositionInStream.LATEST);
    }

    @Test
    void trimHorizonMapsToKclTrimHorizon() {
        assertThat(new KinesisInitialPositions.TrimHorizon().getPosition())
                .isEqualTo(InitialPositionInStream.TRIM_HORIZON);
    }

    @Test
    void atTimestampMapsToKclAtTimestampAndKeepsTheTimestamp() {
        KinesisInitialPositions.AtTimestamp position = new KinesisInitialPositions.AtTimestamp(Date.from(INSTANT));

        assertThat(position.getPosition()).isEqualTo(InitialPositionInStream.AT_TIMESTAMP);
        assertThat(position.getTimestamp()).isEqualTo(Date.from(INSTANT));
    }

    @Test
    void latestInstancesAreEqualWithEqualHashCodes() {
        assertThat(new KinesisInitialPositions.Latest())
                .isEqualTo(new KinesisInitialPositions.Latest())
                .hasSameHashCodeAs(new KinesisInitialPositions.Latest())
                .isNotEqualTo(new KinesisInitialPositions.TrimHorizon());
    }

    @Test
    void trimHorizonInstancesAreEqualWithEqualHashCodes() {
        assertThat(new KinesisInitialPositions.TrimHorizon())
                .isEqualTo(new KinesisInitialPositions.TrimHorizon())
                .hasSameHashCodeAs(new KinesisInitialPositions.TrimHorizon())
                .isNotEqualTo(new KinesisInitialPositions.Latest());
    }

    @Test
    void atTimestampsAreEqualExactlyWhenTheirTimestampsAre() {
        KinesisInitialPositions.AtTimestamp position = new KinesisInitialPositions.AtTimestamp(Date.from(INSTANT));

        assertThat(position)
                .isEqualTo(new KinesisInitialPositions.AtTimestamp(Date.from(INSTANT)))
                .hasSameHashCodeAs(new KinesisInitialPositions.AtTimestamp(Date.from(INSTANT)))
                .isNotEqualTo(new KinesisInitialPositions.AtTimestamp(Date.from(INSTANT.plusMillis(1))))
                .isNotEqualTo(new KinesisInitialPositions.Latest());
    }

    @Test
    void toStringNamesThePosition() {
        assertThat(new KinesisInitialPositions.Latest()).hasToString("Latest");
        assertThat(new KinesisInitialPositions.TrimHorizon()).hasToString("TrimHorizon");
        assertThat(new KinesisInitialPositions.AtTimestamp(Date.from(INSTANT)))
                .hasToString("AtTimestamp(2026-11-25T10:00:00Z)");
    }

    @Test
    void atTimestampIsNotChangedByMutatingTheDatePassedIn() {
        Date date = Date.from(INSTANT);
        KinesisInitialPositions.AtTimestamp position = new KinesisInitialPositions.AtTimestamp(date);

        date.setTime(0);

        assertThat(position.getTimestamp()).isEqualTo(Date.from(INSTANT));
    }

    @Test
    void atTimestampIsNotChangedByMutatingTheDateItReturns() {
        KinesisInitialPositions.AtTimestamp position = new KinesisInitialPositions.AtTimestamp(Date.from(INSTANT));

        position.getTimestamp().setTime(0);

        assertThat(position.getTimestamp()).isEqualTo(Date.from(INSTANT));
    }

    @Test
    void atTimestampRejectsNull() {
        assertThatThrownBy(() -> new KinesisInitialPositions.AtTimestamp(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("AtTimestamp needs a timestamp, got null");
    }

    @Test
    void everyPositionSurvivesJavaSerialization() {
        KinesisInitialPosition[] positions = {
                new KinesisInitialPositions.Latest(),
                new KinesisInitialPositions.TrimHorizon(),
                new KinesisInitialPositions.AtTimestamp(Date.from(INSTANT))};

        for (KinesisInitialPosition position : positions) {
            KinesisInitialPosition copy = Serialization.roundTrip(position);
            assertThat(copy).isEqualTo(position).hasSameHashCodeAs(position);
            assertThat(copy.getPosition()).isEqualTo(position.getPosition());
        }
    }

    @Test
    void fromKinesisInitialPositionConvertsLatest() {
        assertThat(KinesisInitialPositions.fromKinesisInitialPosition(InitialPositionInStream.LATEST))
                .isEqualTo(new KinesisInitialPositions.Latest());
    }

    @Test
    void fromKinesisInitialPositionConvertsTrimHorizon() {
        assertThat(KinesisInitialPositions.fromKinesisInitialPosition(InitialPositionInStream.TRIM_HORIZON))
                .isEqualTo(new KinesisInitialPositions.TrimHorizon());
    }

    @Test
    void fromKinesisInitialPositionRejectsAtTimestampWhichNeedsATimestamp() {
        assertThatThrownBy(
                () -> KinesisInitialPositions.fromKinesisInitialPosition(InitialPositionInStream.AT_TIMESTAMP))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("AT_TIMESTAMP")
                .hasMessageContaining("new KinesisInitialPositions.AtTimestamp(date)");
    }
}
