package org.apache.spark.streaming.kinesis.internal.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;

class RetryingKinesisCallTest {

    private final List<Long> sleeps = new ArrayList<>();
    private final RetryingKinesisCall retries =
            new RetryingKinesisCall(new KinesisRetrySettings(100, 4), sleeps::add);

    @Test
    void serviceErrorsAreRetriedWithGrowingJitteredBackOff() {
        AtomicInteger calls = new AtomicInteger();

        String result = retries.call("read", () -> {
            if (calls.incrementAndGet() < 4) {
                throw KinesisException.builder().statusCode(500).message("Internal failure").build();
            }
            return "records";
        });

        assertThat(result).isEqualTo("records");
        assertThat(calls).hasValue(4);
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(0)).isBetween(50L, 100L);
        assertThat(sleeps.get(1)).isBetween(100L, 200L);
        assertThat(sleeps.get(2)).isBetween(200L, 400L);
    }

    @Test
    void throttledCallsWaitAtLeastKinesissOneSecondThrottlingWindow() {
        AtomicInteger calls = new AtomicInteger();

        String result = retries.call("read", () -> {
            if (calls.incrementAndGet() < 4) {
                throw ProvisionedThroughputExceededException.builder().message("Rate exceeded").build();
            }
            return "records";
        });

        assertThat(result).isEqualTo("records");
        assertThat(sleeps).containsExactly(1_000L, 1_000L, 1_000L);
    }

    @Test
    void aLongerWaitTimeStillDoublesAboveTheThrottlingWindow() {
        AtomicInteger calls = new AtomicInteger();
        RetryingKinesisCall patient = new RetryingKinesisCall(new KinesisRetrySettings(2_000, 3), sleeps::add);

        patient.call("read", () -> {
            if (calls.incrementAndGet() < 3) {
                throw ProvisionedThroughputExceededException.builder().message("Rate exceeded").build();
            }
            return "records";
        });

        assertThat(sleeps).hasSize(2);
        assertThat(sleeps.get(0)).isBetween(1_000L, 2_000L);
        assertThat(sleeps.get(1)).isBetween(2_000L, 4_000L);
    }

    @Test
    void attemptsAreCountedPerCall() {
        AtomicInteger calls = new AtomicInteger();
        RetryingKinesisCall threeAttempts = new RetryingKinesisCall(new KinesisRetrySettings(100, 3), sleeps::add);

        for (int page = 0; page < 5; page++) {
            // Each call is throttled twice, ten throttled attempts in all, and each still gets through.
            assertThat(threeAttempts.<String>call("read", () -> {
                if (calls.incrementAndGet() % 3 != 0) {
                    throw ProvisionedThroughputExceededException.builder().message("Rate exceeded").build();
                }
                return "page";
            })).isEqualTo("page");
        }
        assertThat(sleeps).hasSize(10);
    }

    @Test
    void givesUpAfterMaxAttemptsNamingWhatFailed() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retries.call("read records of shard 7", () -> {
            calls.incrementAndGet();
            throw ProvisionedThroughputExceededException.builder().message("Rate exceeded").build();
        })).isInstanceOf(KinesisRangeReadException.class)
                .hasMessageContaining("read records of shard 7 after 4 attempts")
                .hasCauseInstanceOf(ProvisionedThroughputExceededException.class);
        assertThat(calls).hasValue(4);
    }

    @Test
    void errorsThatWillNotGoAwayAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retries.call("read", () -> {
            calls.incrementAndGet();
            throw InvalidArgumentException.builder().message("bad iterator").build();
        })).isInstanceOf(KinesisRangeReadException.class).hasMessageContaining("after 1 attempt:");
        assertThat(calls).hasValue(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void serviceErrorsAndConnectionFailuresAreRetryable() {
        assertThat(RetryingKinesisCall.isRetryable((RuntimeException) KinesisException.builder().statusCode(503)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ServiceUnavailable").build()).build()))
                .isTrue();
        assertThat(RetryingKinesisCall.isRetryable(SdkClientException.builder()
                .cause(new ConnectException("refused")).build())).isTrue();
        assertThat(RetryingKinesisCall.isRetryable((RuntimeException) KinesisException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build()))
                .isFalse();
    }
}
