package org.apache.spark.streaming.kinesis.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.SparkConf;
import org.apache.spark.streaming.kinesis.internal.config.ReceiverSettings.HandlerFailureAction;
import org.apache.spark.streaming.kinesis.testing.Serialization;
import org.junit.jupiter.api.Test;

class ReceiverSettingsTest {

    @Test
    void defaultsFailAfterThreeAttemptsOnARecordAndFiveIdenticalSetupErrors() {
        ReceiverSettings settings = ReceiverSettings.from(new SparkConf(false));

        assertThat(settings.handlerFailureAction()).isEqualTo(HandlerFailureAction.FAIL);
        assertThat(settings.handlerMaxAttempts()).isEqualTo(3);
        assertThat(settings.setupMaxAttempts()).isEqualTo(5);
        assertThat(settings.checkpointBeforeBatchCompletes()).isFalse();
    }

    @Test
    void everySettingIsRead() {
        SparkConf conf = new SparkConf(false)
                .set(ReceiverSettings.HANDLER_FAILURE_ACTION_KEY, " Skip ")
                .set(ReceiverSettings.HANDLER_MAX_ATTEMPTS_KEY, "1")
                .set(ReceiverSettings.SETUP_MAX_ATTEMPTS_KEY, "0")
                .set(ReceiverSettings.CHECKPOINT_BEFORE_BATCH_COMPLETES_KEY, "TRUE");

        ReceiverSettings settings = Serialization.roundTrip(ReceiverSettings.from(conf));

        assertThat(settings.handlerFailureAction()).isEqualTo(HandlerFailureAction.SKIP);
        assertThat(settings.handlerMaxAttempts()).isEqualTo(1);
        assertThat(settings.setupMaxAttempts()).isZero();
        assertThat(settings.checkpointBeforeBatchCompletes()).isTrue();
    }

    @Test
    void anUnknownActionNamesTheSettingAndTheChoices() {
        SparkConf conf = new SparkConf(false).set(ReceiverSettings.HANDLER_FAILURE_ACTION_KEY, "ignore");

        assertThatThrownBy(() -> ReceiverSettings.from(conf)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("spark.streaming.kinesis.handlerFailure.action must be fail or skip, got 'ignore'");
    }

    @Test
    void badNumbersNameTheSetting() {
        assertThatThrownBy(() -> ReceiverSettings.from(new SparkConf(false)
                .set(ReceiverSettings.HANDLER_MAX_ATTEMPTS_KEY, "0")))
                .hasMessageContaining("spark.streaming.kinesis.handlerFailure.maxAttempts must be at least 1");
        assertThatThrownBy(() -> ReceiverSettings.from(new SparkConf(false)
                .set(ReceiverSettings.SETUP_MAX_ATTEMPTS_KEY, "-1")))
                .hasMessageContaining("spark.streaming.kinesis.setupFailure.maxAttempts must be 0");
        assertThatThrownBy(() -> ReceiverSettings.from(new SparkConf(false)
                .set(ReceiverSettings.SETUP_MAX_ATTEMPTS_KEY, "five")))
                .hasMessage("spark.streaming.kinesis.setupFailure.maxAttempts must be a whole number, got 'five'");
        assertThatThrownBy(() -> ReceiverSettings.from(new SparkConf(false)
                .set(ReceiverSettings.CHECKPOINT_BEFORE_BATCH_COMPLETES_KEY, "yes")))
                .hasMessage("spark.streaming.kinesis.checkpointBeforeBatchCompletes must be true or false, got 'yes'");
    }
}
