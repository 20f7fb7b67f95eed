package io.github.sparkkinesis.localstack.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;

class ConsumerRegistryTest {

    private static final String STREAM = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";

    private final MovableClock clock = new MovableClock();
    private final ConsumerRegistry registry = new ConsumerRegistry(FanOutServerSettings.defaults(), clock);

    @Test
    void aConsumerIsCreatingThenActiveThenDeletingThenGone() {
        StreamConsumer registered = registry.register(STREAM, "app");
        assertThat(registered.status()).isEqualTo(ConsumerStatus.CREATING);
        assertThat(registered.arn()).isEqualTo(STREAM + "/consumer/app:" + clock.instant().getEpochSecond());

        clock.advance(FanOutServerSettings.DEFAULT_CONSUMER_CREATION_TIME);
        assertThat(registry.describe(registered.arn()).status()).isEqualTo(ConsumerStatus.ACTIVE);

        assertThat(registry.deregister(registered.arn()).status()).isEqualTo(ConsumerStatus.DELETING);
        assertThat(registry.describe(STREAM, "app").status()).isEqualTo(ConsumerStatus.DELETING);
        clock.advance(FanOutServerSettings.DEFAULT_CONSUMER_DELETION_TIME);
        assertThat(registry.list(STREAM)).isEmpty();
    }

    @Test
    void registrationsAreLimitedToFivePerSecondAndFiveCreating() {
        ConsumerRegistry registry = new ConsumerRegistry(FanOutServerSettings.defaults()
                .withConsumerCreationTime(Duration.ofSeconds(10)), clock);
        for (int i = 0; i < 5; i++) {
            registry.register(STREAM, "app-" + i);
        }
        assertThatThrownBy(() -> registry.register(STREAM, "sixth")).isInstanceOf(KinesisServiceError.class)
                .hasMessageContaining("Rate exceeded for RegisterStreamConsumer")
                .extracting(e -> ((KinesisServiceError) e).code()).isEqualTo("LimitExceededException");

        clock.advance(Duration.ofSeconds(1));
        // A second later the rate allows it, but five are still CREATING.
        assertThatThrownBy(() -> registry.register(STREAM, "sixth")).isInstanceOf(KinesisServiceError.class)
                .hasMessageContaining("CREATING");
    }

    @Test
    void aStreamHasAtMostTwentyConsumers() {
        for (int i = 0; i < 20; i++) {
            registry.register(STREAM, "app-" + i);
            clock.advance(Duration.ofSeconds(1));
        }
        assertThatThrownBy(() -> registry.register(STREAM, "one-more")).isInstanceOf(KinesisServiceError.class)
                .hasMessageContaining("maximum number of consumers (20)");
        assertThat(registry.register(STREAM + "-other", "app-0").status()).isEqualTo(ConsumerStatus.CREATING);
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-30T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
