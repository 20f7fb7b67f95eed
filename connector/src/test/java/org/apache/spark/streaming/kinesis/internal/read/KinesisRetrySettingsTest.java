package org.apache.spark.streaming.kinesis.internal.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class KinesisRetrySettingsTest {

    @Test
    void sparksDefaultsApplyWhenNothingIsSet() {
        KinesisRetrySettings settings = KinesisRetrySettings.from(new SparkConf(false));

        assertThat(settings.waitTimeMillis()).isEqualTo(100);
        assertThat(settings.maxAttempts()).isEqualTo(3);
    }

    @Test
    void readsBothSettings() {
        KinesisRetrySettings settings = KinesisRetrySettings.from(new SparkConf(false)
                .set(KinesisRetrySettings.WAIT_TIME_KEY, "2s")
                .set(KinesisRetrySettings.MAX_ATTEMPTS_KEY, "7"));

        assertThat(settings.waitTimeMillis()).isEqualTo(2000);
        assertThat(settings.maxAttempts()).isEqualTo(7);
    }

    @Test
    void rejectsValuesThatCannotWork() {
        assertThatThrownBy(() -> KinesisRetrySettings.from(new SparkConf(false)
                .set(KinesisRetrySettings.MAX_ATTEMPTS_KEY, "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KinesisRetrySettings.MAX_ATTEMPTS_KEY);
        assertThatThrownBy(() -> KinesisRetrySettings.from(new SparkConf(false)
                .set(KinesisRetrySettings.MAX_ATTEMPTS_KEY, "many")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> KinesisRetrySettings.from(new SparkConf(false)
                .set(KinesisRetrySettings.WAIT_TIME_KEY, "soon")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(KinesisRetrySettings.WAIT_TIME_KEY);
        assertThatThrownBy(() -> new KinesisRetrySettings(0, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
