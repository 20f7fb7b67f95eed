package org.apache.spark.streaming.kinesis.internal.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.testing.FakeCheckpointer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.KinesisClientLibDependencyException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.exceptions.ThrottlingException;

class ShardCheckpointStateTest {

    private static final String SHARD = "shardId-000000000001";

    private static final long SAFETY_DELAY_MILLIS = 3000;

    private final AtomicLong clock = new AtomicLong(1_000_000);
    /** Without a safety delay every stored position is safe at once, so these tests see plain stored positions. */
    private final ShardCheckpointState state = new ShardCheckpointState(SHARD, 0, clock::get);
    private final ShardCheckpointState delayed = new ShardCheckpointState(SHARD, SAFETY_DELAY_MILLIS, clock::get);
    private final FakeCheckpointer checkpointer = new FakeCheckpointer();

    private static RecordPosition at(String sequenceNumber) {
        return new RecordPosition(sequenceNumber, 0);
    }

    @Test
    void nothingStoredMeansNothingToCheckpoint() {
        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(checkpointer.attempts()).isZero();
        assertThat(state.lastCheckpointed()).isNull();
    }

    @Test
    void checkpointsTheLastStoredPosition() {
        state.recordStored(at("100"), checkpointer);
        state.recordStored(new RecordPosition("200", 3), checkpointer);

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(checkpointer.checkpoints()).containsExactly("200/3");
        assertThat(state.lastCheckpointed()).isEqualTo(new RecordPosition("200", 3));
        assertThat(state.lastStored()).isEqualTo(new RecordPosition("200", 3));
    }

    @Test
    void doesNotCheckpointAgainWhenNothingNewWasStored() {
        state.recordStored(at("100"), checkpointer);
        state.checkpointIfBehind();

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(checkpointer.attempts()).isEqualTo(1);
    }

    @Test
    void checkpointsAgainOnceMoreWasStored() {
        state.recordStored(at("100"), checkpointer);
        state.checkpointIfBehind();
        state.recordStored(at("101"), checkpointer);

        state.checkpointIfBehind();

        assertThat(checkpointer.checkpoints()).containsExactly("100/0", "101/0");
    }

    @Test
    void checkpointsThroughTheCheckpointerOfTheLatestBatch() {
        FakeCheckpointer later = new FakeCheckpointer();
        state.recordStored(at("100"), checkpointer);
        state.recordStored(at("101"), later);

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
        state.recordStored(at("100"), checkpointer);
        state.freeze();

        state.recordStored(at("200"), checkpointer);
        state.checkpointIfBehind();

        assertThat(state.isFrozen()).isTrue();
        assertThat(state.lastStored()).isEqualTo(at("100"));
        assertThat(checkpointer.checkpoints()).containsExactly("100/0");
    }

    @Test
    void frozenStateNeverCheckpointsBeyondTheLastStoredPosition() {
        state.recordStored(at("100"), checkpointer);
        state.checkpointIfBehind();
        state.freeze();

        state.recordStored(at("101"), checkpointer);
        state.checkpointIfBehind();
        state.checkpointBeforeHandoff(checkpointer, true);

        assertThat(checkpointer.checkpoints()).containsExactly("100/0");
    }

    @Test
    void frozenStateWithoutStoredRecordsNeverCheckpoints() {
        state.freeze();
        state.recordStored(at("100"), checkpointer);

        state.checkpointIfBehind();

        assertThat(state.lastStored()).isNull();
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void shardEndIsCheckpointedAndClosesTheState() {
        state.recordStored(at("100"), checkpointer);
        FakeCheckpointer shardEnd = new FakeCheckpointer();

        assertThat(state.checkpointShardEnd(shardEnd)).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(shardEnd.checkpoints()).containsExactly(FakeCheckpointer.SHARD_END);
        assertThat(state.isClosed()).isTrue();
    }

    @Test
    void shardEndIsRefusedWhenFrozen() {
        state.recordStored(at("100"), checkpointer);
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
        state.recordStored(at("100"), checkpointer.failNext(new ShutdownException("lease lost")));

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.LEASE_LOST);
        state.recordStored(at("101"), checkpointer);
        state.checkpointIfBehind();

        assertThat(state.isClosed()).isTrue();
        assertThat(state.lastCheckpointed()).isNull();
        assertThat(checkpointer.attempts()).isEqualTo(1);
        assertThat(checkpointer.checkpoints()).isEmpty();
    }

    @Test
    void throttlingIsRetriedUntilTheCheckpointSucceeds() {
        state.recordStored(at("100"), checkpointer.failNext(new ThrottlingException("slow down")));

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(checkpointer.attempts()).isEqualTo(2);
        assertThat(checkpointer.checkpoints()).containsExactly("100/0");
        assertThat(state.lastCheckpointed()).isEqualTo(at("100"));
    }

    @Test
    void dependencyFailuresAreRetriedToo() {
        state.recordStored(at("100"), checkpointer.failNext(new KinesisClientLibDependencyException("DynamoDB")));

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(checkpointer.attempts()).isEqualTo(2);
    }

    @Test
    void persistentThrottlingFailsAfterFourAttemptsAndIsRetriedAtTheNextCheckpoint() {
        state.recordStored(at("100"), checkpointer.failAlways(new ThrottlingException("slow down")));

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
        state.recordStored(at("100"), checkpointer.failNext(new InvalidStateException("no lease table")));

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.FAILED);

        assertThat(checkpointer.attempts()).isEqualTo(1);
        assertThat(state.lastCheckpointed()).isNull();
    }

    @Test
    void interruptionDuringBackoffGivesUpAndKeepsTheInterrupt() {
        state.recordStored(at("100"), checkpointer.failAlways(new ThrottlingException("slow down")));

        Thread.currentThread().interrupt();
        CheckpointOutcome outcome = state.checkpointIfBehind();

        assertThat(Thread.interrupted()).isTrue();
        assertThat(outcome).isEqualTo(CheckpointOutcome.FAILED);
        assertThat(checkpointer.attempts()).isEqualTo(1);
    }

    @Test
    void handoffCheckpointsThroughTheGivenCheckpointer() {
        FakeCheckpointer handoff = new FakeCheckpointer();
        state.recordStored(at("100"), checkpointer);

        assertThat(state.checkpointBeforeHandoff(handoff, true)).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(handoff.checkpoints()).containsExactly("100/0");
        assertThat(checkpointer.attempts()).isZero();
        assertThat(state.lastCheckpointed()).isEqualTo(at("100"));
    }

    @Test
    void handoffSkipsWhatIsAlreadyCheckpointed() {
        FakeCheckpointer handoff = new FakeCheckpointer();
        state.recordStored(at("100"), checkpointer);
        state.checkpointIfBehind();

        assertThat(state.checkpointBeforeHandoff(handoff, true)).isEqualTo(CheckpointOutcome.WRITTEN);

        assertThat(handoff.attempts()).isZero();
    }

    @Test
    void theTimerOnlyCheckpointsPositionsStoredForTheSafetyDelay() {
        delayed.recordStored(at("100"), checkpointer);
        clock.addAndGet(1000);
        delayed.recordStored(at("200"), checkpointer);

        delayed.checkpointIfBehind();
        assertThat(checkpointer.attempts()).as("nothing is old enough yet").isZero();

        clock.addAndGet(SAFETY_DELAY_MILLIS - 1000);
        delayed.checkpointIfBehind();
        assertThat(checkpointer.checkpoints()).containsExactly("100/0");

        clock.addAndGet(1000);
        delayed.checkpointIfBehind();
        assertThat(checkpointer.checkpoints()).containsExactly("100/0", "200/0");
    }

    @Test
    void theSafePositionIsTheNewestOldEnoughOne() {
        delayed.recordStored(at("100"), checkpointer);
        delayed.recordStored(at("200"), checkpointer);
        clock.addAndGet(SAFETY_DELAY_MILLIS);
        delayed.recordStored(at("300"), checkpointer);

        assertThat(delayed.safePosition()).isEqualTo(at("200"));
        assertThat(delayed.safePosition()).as("asking again").isEqualTo(at("200"));
        assertThat(delayed.lastStored()).isEqualTo(at("300"));
        assertThat(delayed.millisUntilAllStoredSafe()).isEqualTo(SAFETY_DELAY_MILLIS);
    }

    @Test
    void aStoppingReceiverHandsOverOnlyTheSafePositionAndAHandoverEverything() {
        FakeCheckpointer stop = new FakeCheckpointer();
        delayed.recordStored(at("100"), checkpointer);
        clock.addAndGet(SAFETY_DELAY_MILLIS);
        delayed.recordStored(at("200"), checkpointer);

        delayed.checkpointBeforeHandoff(stop, false);
        assertThat(stop.checkpoints()).containsExactly("100/0");

        FakeCheckpointer handOver = new FakeCheckpointer();
        delayed.checkpointBeforeHandoff(handOver, true);
        assertThat(handOver.checkpoints()).containsExactly("200/0");
    }

    @Test
    void everythingIsSafeOnceTheLastPositionIsOldEnough() {
        assertThat(delayed.millisUntilAllStoredSafe()).isZero();
        delayed.recordStored(at("100"), checkpointer);
        clock.addAndGet(1000);

        assertThat(delayed.millisUntilAllStoredSafe()).isEqualTo(SAFETY_DELAY_MILLIS - 1000);
        clock.addAndGet(SAFETY_DELAY_MILLIS);
        assertThat(delayed.millisUntilAllStoredSafe()).isZero();
    }

    @Test
    void closedStateNeitherStoresNorCheckpoints() {
        state.recordStored(at("100"), checkpointer);
        state.close();

        state.recordStored(at("101"), checkpointer);

        assertThat(state.checkpointIfBehind()).isEqualTo(CheckpointOutcome.WRITTEN);
        assertThat(state.lastStored()).isEqualTo(at("100"));
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void toStringShowsPositionsAndFlags() {
        state.recordStored(at("100"), checkpointer);
        state.checkpointIfBehind();
        state.recordStored(at("101"), checkpointer);
        state.freeze();
        state.close();

        assertThat(state).hasToString("ShardCheckpointState[" + SHARD + ", stored=101/0, checkpointed=100/0, frozen, "
                + "closed]");
    }
}
