package org.apache.spark.streaming.kinesis.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.config.ReceiverSettings;
import org.apache.spark.streaming.kinesis.internal.config.ReceiverSettings.HandlerFailureAction;
import org.apache.spark.streaming.kinesis.internal.receiver.FailureBudget.Decision;
import org.junit.jupiter.api.Test;

class FailureBudgetTest {

    private static final RecordPosition POISON = new RecordPosition("100", 2);

    private static FailureBudget budget(HandlerFailureAction action, int handlerAttempts, int setupAttempts) {
        return new FailureBudget(new ReceiverSettings(action, handlerAttempts, setupAttempts, false));
    }

    @Test
    void theSameRecordFailingTheConfiguredNumberOfTimesStopsTheStreaming() {
        FailureBudget budget = budget(HandlerFailureAction.FAIL, 3, 5);

        assertThat(budget.handlerFailed("shard-1", POISON)).isEqualTo(Decision.RESTART);
        assertThat(budget.handlerFailed("shard-1", POISON)).isEqualTo(Decision.RESTART);
        assertThat(budget.handlerFailed("shard-1", POISON)).isEqualTo(Decision.STOP_STREAMING);
    }

    @Test
    void withTheSkipActionTheRecordIsSkippedOnceTheAttemptsAreUsed() {
        FailureBudget budget = budget(HandlerFailureAction.SKIP, 2, 5);

        assertThat(budget.handlerFailed("shard-1", POISON)).isEqualTo(Decision.RESTART);
        assertThat(budget.handlerFailed("shard-1", POISON)).isEqualTo(Decision.SKIP);
    }

    @Test
    void failuresOnOtherRecordsOrShardsCountSeparately() {
        FailureBudget budget = budget(HandlerFailureAction.FAIL, 2, 5);

        assertThat(budget.handlerFailed("shard-1", POISON)).isEqualTo(Decision.RESTART);
        assertThat(budget.handlerFailed("shard-2", POISON)).isEqualTo(Decision.RESTART);
        assertThat(budget.handlerFailed("shard-1", new RecordPosition("101", 0))).isEqualTo(Decision.RESTART);
        assertThat(budget.failingRecord("shard-1")).isEqualTo(new RecordPosition("101", 0));
    }

    @Test
    void aRecordHandledAtLastStartsTheCountAfresh() {
        FailureBudget budget = budget(HandlerFailureAction.FAIL, 2, 5);
        budget.handlerFailed("shard-1", POISON);

        budget.recordHandled("shard-1");

        assertThat(budget.failingRecord("shard-1")).isNull();
        assertThat(budget.handlerFailed("shard-1", POISON)).isEqualTo(Decision.RESTART);
    }

    @Test
    void identicalPermanentSetupErrorsStopTheStreamingAfterTheConfiguredAttempts() {
        FailureBudget budget = budget(HandlerFailureAction.FAIL, 3, 3);

        assertThat(budget.setupFailed("stream 'x' does not exist", true)).isEqualTo(Decision.RESTART);
        assertThat(budget.setupFailed("stream 'x' does not exist", true)).isEqualTo(Decision.RESTART);
        assertThat(budget.setupFailed("stream 'x' does not exist", true)).isEqualTo(Decision.STOP_STREAMING);
        assertThat(budget.setupFailures()).isEqualTo(3);
    }

    @Test
    void aDifferentErrorOrATransientOneStartsTheCountAfresh() {
        FailureBudget budget = budget(HandlerFailureAction.FAIL, 3, 2);

        budget.setupFailed("access denied", true);
        assertThat(budget.setupFailed("stream 'x' does not exist", true)).isEqualTo(Decision.RESTART);
        budget.setupFailed("cannot reach Kinesis", false);
        assertThat(budget.setupFailed("stream 'x' does not exist", true)).isEqualTo(Decision.RESTART);
        assertThat(budget.setupFailed("stream 'x' does not exist", true)).isEqualTo(Decision.STOP_STREAMING);
    }

    @Test
    void transientSetupErrorsNeverStopTheStreaming() {
        FailureBudget budget = budget(HandlerFailureAction.FAIL, 3, 1);

        for (int i = 0; i < 10; i++) {
            assertThat(budget.setupFailed("DynamoDB did not answer", false)).isEqualTo(Decision.RESTART);
        }
    }

    @Test
    void zeroAttemptsMeansRetryingForever() {
        FailureBudget budget = budget(HandlerFailureAction.FAIL, 3, 0);

        for (int i = 0; i < 10; i++) {
            assertThat(budget.setupFailed("stream 'x' does not exist", true)).isEqualTo(Decision.RESTART);
        }
    }

    @Test
    void aSuccessfulSetupResetsTheCount() {
        FailureBudget budget = budget(HandlerFailureAction.FAIL, 3, 2);
        budget.setupFailed("stream 'x' does not exist", true);

        budget.setupSucceeded();

        assertThat(budget.setupFailed("stream 'x' does not exist", true)).isEqualTo(Decision.RESTART);
    }
}
