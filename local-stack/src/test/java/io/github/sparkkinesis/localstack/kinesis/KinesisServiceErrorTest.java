package io.github.sparkkinesis.localstack.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KinesisServiceErrorTest {

    @Test
    void everyModelledCodeNamesTheExceptionClassTheSdkThrowsForIt() {
        // The SDK's Kinesis model names each exception class after its error code (e.g. "InternalFailureException",
        // not the generic AWS "InternalFailure", which the SDK would only surface as a plain KinesisException).
        List<KinesisServiceError> modelled = List.of(KinesisServiceError.invalidArgument("m"),
                KinesisServiceError.validation("m"), KinesisServiceError.resourceNotFound("m"),
                KinesisServiceError.resourceInUse("m"), KinesisServiceError.throughputExceeded("m"),
                KinesisServiceError.limitExceeded("m"), KinesisServiceError.internalFailure("m"));
        for (KinesisServiceError error : modelled) {
            assertThat(sdkException(error.code())).as(error.code()).isTrue();
        }
        assertThat(KinesisServiceError.unknownOperation("m").code()).isEqualTo("UnknownOperationException");
    }

    @Test
    void internalFailuresAre500AndEverythingElse400() {
        assertThat(KinesisServiceError.internalFailure("m").status()).isEqualTo(500);
        assertThat(KinesisServiceError.resourceNotFound("m").status()).isEqualTo(400);
        assertThat(KinesisServiceError.unknownOperation("m").status()).isEqualTo(400);
    }

    @Test
    void onlyTheThroughputAndLimitErrorsAreThrottling() {
        assertThat(KinesisServiceError.throughputExceeded("m").throttling()).isTrue();
        assertThat(KinesisServiceError.limitExceeded("m").throttling()).isTrue();
        assertThat(KinesisServiceError.resourceInUse("m").throttling()).isFalse();
        assertThat(KinesisServiceError.internalFailure("m").throttling()).isFalse();
    }

    @Test
    void carriesItsMessageAndNoStackTrace() {
        KinesisServiceError error = KinesisServiceError.invalidArgument("Limit must be positive");
        assertThat(error).hasMessage("Limit must be positive");
        assertThat(error.getStackTrace()).isEmpty();
    }

    private static boolean sdkException(String code) {
        try {
            return Exception.class.isAssignableFrom(
                    Class.forName("software.amazon.awssdk.services.kinesis.model." + code));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
