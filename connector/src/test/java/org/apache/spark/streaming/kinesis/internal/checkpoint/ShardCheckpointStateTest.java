package org.apache.spark.streaming.kinesis.internal.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.FakeCheckpointer;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;

class ShardCheckpointStateTest {

    private static final String SHARD = "shardId-000000000001";

    private final ShardCheckpointState state = new ShardCheckpointState(SHARD, "worker/" + SHARD + "/1");
    private final FakeCheckpointer checkpointer = new FakeCheckpointer();

    private static RecordPosition at(String sequenceNumber) {
        return new RecordPosition(sequenceNumber, 0);
    }

    /** Stores {@code sequenceNumber} and has the driver confirm it. */
    private void storedAndConfirmed(String sequenceNumber) {
        state.recordStored(at(sequenceNumber), checkpointer);
        state.confirmRecoverable(at(sequenceNumber));
    }

    @Test
    void nothingStoredMeansNothingToCheckpoint() {
        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(checkpointer.attempts()).isZero();
        assertThat(state.lastCheckpointed()).isNull();
    }

    @Test
    void storedRecordsAreNotCheckpointedUntilTheDriverConfirmsThem() {
        state.recordStored(at("100"), checkpointer);
        state.recordStored(at("200"), checkpointer);

        state.checkpointIfBehind();

        assertThat(checkpointer.attempts()).isZero();
        assertThat(state.allStoredRecoverable()).isFalse();
    }

    @Test
    void checkpointsTheConfirmedPositionNotTheLastStoredOne() {
        state.recordStored(at("100"), checkpointer);
        state.recordStored(new RecordPosition("200", 3), checkpointer);
        state.recordStored(at("300"), checkpointer);
        state.confirmRecoverable(new RecordPosition("200", 3));

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(checkpointer.checkpoints()).containsExactly("200/3");
        assertThat(state.lastCheckpointed()).isEqualTo(new RecordPosition("200", 3));
        assertThat(state.lastStored()).isEqualTo(at("300"));
    }

    @Test
    void aConfirmationBeyondWhatThisTenureStoredIsIgnored() {
        state.recordStored(at("100"), checkpointer);

        state.confirmRecoverable(at("101"));
        state.checkpointIfBehind();

        assertThat(state.recoverablePosition()).isNull();
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void confirmationsNeverMoveBack() {
        state.recordStored(at("100"), checkpointer);
        state.recordStored(at("200"), checkpointer);
        state.confirmRecoverable(at("200"));

        state.confirmRecoverable(at("100"));

        assertThat(state.recoverablePosition()).isEqualTo(at("200"));
        assertThat(state.allStoredRecoverable()).isTrue();
    }

    @Test
    void doesNotCheckpointAgainWhenNothingNewWasConfirmed() {
        storedAndConfirmed("100");
        state.checkpointIfBehind();
        state.recordStored(at("101"), checkpointer);

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(checkpointer.attempts()).isEqualTo(1);
    }

    @Test
    void checkpointsAgainOnceMoreWasConfirmed() {
        storedAndConfirmed("100");
        state.checkpointIfBehind();
        storedAndConfirmed("101");

        state.checkpointIfBehind();

        assertThat(checkpointer.checkpoints()).containsExactly("100/0", "101/0");
    }

    @Test
    void checkpointsThroughTheCheckpointerOfTheLatestBatch() {
        FakeCheckpointer later = new FakeCheckpointer();
        storedAndConfirmed("100");
        state.recordStored(at("101"), later);
        state.confirmRecoverable(at("101"));

        state.checkpointIfBehind();

        assertThat(checkpointer.attempts()).isZero();
        assertThat(later.checkpoints()).containsExactly("101/0");
    }

    @Test
    void storingTheSamePositionAgainIsRejected() {
        state.recordStored(at("100"), checkpointer);

        assertThatThrownBy(() -> state.recordStored(at("100"), checkpointer))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Shard " + SHARD + " stored 100/0 after 100/0: records must be stored in sequence order");
    }

    @Test
    void storingAnEarlierPositionIsRejectedAndKeepsTheLaterOne() {
        state.recordStored(at("100"), checkpointer);

        assertThatThrownBy(() -> state.recordStored(at("99"), checkpointer))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stored 99/0 after 100/0");
        assertThat(state.lastStored()).isEqualTo(at("100"));
    }

    @Test
    void storingAnEarlierSubSequenceNumberIsRejected() {
        state.recordStored(new RecordPosition("100", 5), checkpointer);

        assertThatThrownBy(() -> state.recordStored(new RecordPosition("100", 4), checkpointer))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void frozenStateIgnoresLaterStoresAndCheckpointsOnlyUpToTheLastStoredBefore() {
        storedAndConfirmed("100");
        state.freeze();

        state.recordStored(at("200"), checkpointer);
        state.confirmRecoverable(at("200"));
        state.checkpointIfBehind();

        assertThat(state.isFrozen()).isTrue();
        assertThat(state.lastStored()).isEqualTo(at("100"));
        assertThat(checkpointer.checkpoints()).containsExactly("100/0");
    }

    @Test
    void frozenStateWithoutStoredRecordsNeverCheckpoints() {
        state.freeze();
        state.recordStored(at("100"), checkpointer);
        state.confirmRecoverable(at("100"));

        state.checkpointIfBehind();

        assertThat(state.lastStored()).isNull();
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void shardEndIsCheckpointedOnceEverythingIsRecoverableAndClosesTheState() {
        storedAndConfirmed("100");
        FakeCheckpointer shardEnd = new FakeCheckpointer();

        assertThat(state.checkpointShardEnd(shardEnd)).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(shardEnd.checkpoints()).containsExactly(FakeCheckpointer.SHARD_END);
        assertThat(state.isClosed()).isTrue();
    }

    @Test
    void shardEndBeforeEverythingIsRecoverableIsAProgrammingError() {
        state.recordStored(at("100"), checkpointer);
        FakeCheckpointer shardEnd = new FakeCheckpointer();

        assertThatThrownBy(() -> state.checkpointShardEnd(shardEnd)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only null recoverable");
        assertThat(shardEnd.attempts()).isZero();
    }

    @Test
    void shardEndIsRefusedWhenFrozen() {
        storedAndConfirmed("100");
        state.freeze();
        FakeCheckpointer shardEnd = new FakeCheckpointer();

        assertThat(state.checkpointShardEnd(shardEnd)).isEqualTo(CheckpointOutcome.FAILED);

        assertThat(shardEnd.attempts()).isZero();
        assertThat(state.isClosed()).isFalse();
    }

    @Test
    void shardEndOfALostLeaseIsReportedAsSuch() {
        FakeCheckpointer shardEnd = new FakeCheckpointer().failNext(new ShutdownException("lease lost"));

        assertThat(state.checkpointShardEnd(shardEnd)).isEqualTo(CheckpointOutcome.LEASE_LOST);

        assertThat(shardEnd.checkpoints()).isEmpty();
    }

    @Test
    void lostLeaseClosesTheStateAndStopsCheckpointing() {
        checkpointer.failNext(new ShutdownException("lease lost"));
        storedAndConfirmed("100");

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.LEASE_LOST);
        storedAndConfirmed("101");
        state.checkpointIfBehind();

        assertThat(state.isClosed()).isTrue();
        assertThat(state.lastCheckpointed()).isNull();
        assertThat(checkpointer.attempts()).isEqualTo(1);
        assertThat(checkpointer.checkpoints()).isEmpty();
    }

    @Test
    void throttlingIsRetriedUntilTheCheckpointSucceeds() {
        checkpointer.failNext(new ThrottlingException("slow down"));
        storedAndConfirmed("100");

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(checkpointer.attempts()).isEqualTo(2);
        assertThat(checkpointer.checkpoints()).containsExactly("100/0");
        assertThat(state.lastCheckpointed()).isEqualTo(at("100"));
    }

    @Test
    void dependencyFailuresAreRetriedToo() {
        checkpointer.failNext(new KinesisClientLibDependencyException("DynamoDB"));
        storedAndConfirmed("100");

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(checkpointer.attempts()).isEqualTo(2);
    }

    @Test
    void persistentThrottlingFailsAfterFourAttemptsAndIsRetriedAtTheNextCheckpoint() {
        checkpointer.failAlways(new ThrottlingException("slow down"));
        storedAndConfirmed("100");

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.FAILED);
        assertThat(checkpointer.attempts()).isEqualTo(4);
        assertThat(state.lastCheckpointed()).isNull();
        assertThat(state.isClosed()).isFalse();

        checkpointer.failAlways(null);
        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.WRITTEN);
        assertThat(checkpointer.checkpoints()).containsExactly("100/0");
    }

    @Test
    void invalidStateIsNotRetried() {
        checkpointer.failNext(new InvalidStateException("no lease table"));
        storedAndConfirmed("100");

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.FAILED);

        assertThat(checkpointer.attempts()).isEqualTo(1);
        assertThat(state.lastCheckpointed()).isNull();
    }

    @Test
    void interruptionDuringBackoffGivesUpAndKeepsTheInterrupt() {
        checkpointer.failAlways(new ThrottlingException("slow down"));
        storedAndConfirmed("100");

        Thread.currentThread().interrupt();
        CheckpointOutcome outcome = state.checkpointIfBehind();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(outcome).isEqualTo(CheckpointOutcome.FAILED);
        assertThat(checkpointer.attempts()).isEqualTo(1);
    }

    @Test
    void aSlowCheckpointWriteDoesNotHoldUpStoringTheNextBlocks() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch dynamoDbAnswers = new CountDownLatch(1);
        FakeCheckpointer slow = new FakeCheckpointer().onAttempt(() -> {
            writing.countDown();
            Eventually.await(dynamoDbAnswers);
        });
        state.recordStored(at("100"), slow);
        state.confirmRecoverable(at("100"));
        CompletableFuture<CheckpointOutcome> timer = CompletableFuture.supplyAsync(state::checkpointIfBehind);
        writing.await();

        // The KCL thread stores its next blocks while DynamoDB has not answered yet.
        CompletableFuture<Void> kclThread = CompletableFuture.runAsync(() -> {
            state.recordStored(at("101"), slow);
            state.recordStored(at("102"), slow);
        });
        Eventually.await(Duration.ofSeconds(30), kclThread::isDone,
                () -> "the KCL thread waited for the checkpoint write: " + state);

        dynamoDbAnswers.countDown();
        assertThat(timer.get()).isEqualTo(CheckpointOutcome.WRITTEN);
        assertThat(state.lastStored()).isEqualTo(at("102"));
        assertThat(state.lastCheckpointed()).isEqualTo(at("100"));
    }


    @Test
    void handoffCheckpointsTheConfirmedPositionThroughTheGivenCheckpointer() {
        FakeCheckpointer handoff = new FakeCheckpointer();
        storedAndConfirmed("100");
        state.recordStored(at("101"), checkpointer);

        assertThat(state.checkpointBeforeHandoff(handoff)).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(handoff.checkpoints()).containsExactly("100/0");
        assertThat(checkpointer.attempts()).isZero();
        assertThat(state.lastCheckpointed()).isEqualTo(at("100"));
    }

    @Test
    void handoffSkipsWhatIsAlreadyCheckpointed() {
        FakeCheckpointer handoff = new FakeCheckpointer();
        storedAndConfirmed("100");
        state.checkpointIfBehind();

        state.checkpointBeforeHandoff(handoff);

        assertThat(handoff.attempts()).isZero();
    }

    @Test
    void closedStateNeitherStoresNorCheckpoints() {
        storedAndConfirmed("100");
        state.close();

        state.recordStored(at("101"), checkpointer);
        state.checkpointIfBehind();

        assertThat(state.lastStored()).isEqualTo(at("100"));
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void toStringShowsPositionsAndFlags() {
        state.recordStored(at("100"), checkpointer);
        state.recordStored(at("101"), checkpointer);
        state.confirmRecoverable(at("100"));
        state.checkpointIfBehind();
        state.freeze();

        assertThat(state).hasToString("ShardCheckpointState[" + SHARD
                + ", stored=101/0, recoverable=100/0, checkpointed=100/0, frozen]");
    }
}
