package org.apache.spark.streaming.kinesis.internal.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.polling.SleepTimeControllerConfig;

class CatchUpSleepTimeControllerTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    private static final long IDLE_MILLIS = 500;
    private static final long MIN_MILLIS = 200;

    private final CatchUpSleepTimeController controller = new CatchUpSleepTimeController(
            Duration.ofMillis(IDLE_MILLIS), Duration.ofMillis(MIN_MILLIS), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aShardThatIsBehindIsReadAgainAsSoonAsFiveCallsPerSecondAllow() {
        assertThat(sleep(lastCall(50), 10_000, 60_000L)).isEqualTo(MIN_MILLIS - 50);
        assertThat(sleep(lastCall(0), 1, 1L)).isEqualTo(MIN_MILLIS);
    }

    @Test
    void aSlowCallNeedsNoPauseAfterIt() {
        // The end of the last call is what counts; a call that took longer than the pause is followed at once.
        assertThat(sleep(lastCall(250), 10_000, 60_000L)).isZero();
        assertThat(sleep(lastCall(900), 0, 0L)).isZero();
    }

    @Test
    void aCaughtUpShardWaitsTheIdleTimeSinceTheLastCall() {
        assertThat(sleep(lastCall(100), 0, 0L)).isEqualTo(IDLE_MILLIS - 100);
        // Records, but at the tip of the shard.
        assertThat(sleep(lastCall(100), 20, 0L)).isEqualTo(IDLE_MILLIS - 100);
        // Behind, but nothing returned (e.g. a gap in the shard): not a reason to hurry.
        assertThat(sleep(lastCall(100), 0, 5_000L)).isEqualTo(IDLE_MILLIS - 100);
    }

    @Test
    void unknownLagCountsAsCaughtUp() {
        assertThat(sleep(lastCall(0), 10_000, null)).isEqualTo(IDLE_MILLIS);
    }

    @Test
    void afterAFailedOrFirstCallItWaitsTheFullIdleTime() {
        SleepTimeControllerConfig afterFailure = SleepTimeControllerConfig.builder()
                .idleMillisBetweenCalls(IDLE_MILLIS).build();

        assertThat(controller.getSleepTimeMillis(afterFailure)).isEqualTo(IDLE_MILLIS);
    }

    private long sleep(Instant lastCall, Integer records, Long millisBehind) {
        return controller.getSleepTimeMillis(SleepTimeControllerConfig.builder()
                .lastSuccessfulCall(lastCall)
                .idleMillisBetweenCalls(IDLE_MILLIS)
                .lastRecordsCount(records)
                .lastMillisBehindLatest(millisBehind)
                .build());
    }

    private static Instant lastCall(long millisAgo) {
        return NOW.minusMillis(millisAgo);
    }
}
