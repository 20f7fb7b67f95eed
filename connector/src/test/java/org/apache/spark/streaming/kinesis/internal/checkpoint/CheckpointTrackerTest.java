package org.apache.spark.streaming.kinesis.internal.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.testing.Eventually;
import org.apache.spark.streaming.kinesis.testing.FakeCheckpointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.exceptions.ShutdownException;

class CheckpointTrackerTest {

    private final CheckpointTracker tracker = new CheckpointTracker("checkpoint-tracker-test", Duration.ZERO);

    @AfterEach
    void closeTracker() {
        tracker.close();
    }

    private static RecordPosition at(String sequenceNumber) {
        return new RecordPosition(sequenceNumber, 0);
    }

    @Test
    void registeredShardsAreTracked() {
        ShardCheckpointState state = tracker.register("shard-1");
        tracker.register("shard-2");

        assertThat(state.shardId()).isEqualTo("shard-1");
        assertThat(tracker.trackedShardCount()).isEqualTo(2);
    }

    @Test
    void checkpointAllCheckpointsEveryShardAtItsOwnPosition() {
        FakeCheckpointer first = new FakeCheckpointer();
        FakeCheckpointer second = new FakeCheckpointer();
        tracker.register("shard-1").recordStored(at("100"), first);
        tracker.register("shard-2").recordStored(new RecordPosition("205", 2), second);
        ShardCheckpointState idle = tracker.register("shard-3");

        tracker.checkpointAll();

        assertThat(first.checkpoints()).containsExactly("100/0");
        assertThat(second.checkpoints()).containsExactly("205/2");
        assertThat(idle.lastCheckpointed()).isNull();
        assertThat(tracker.trackedShardCount()).isEqualTo(3);
    }

    @Test
    void checkpointAllOnlyWritesShardsThatMovedOn() {
        FakeCheckpointer moving = new FakeCheckpointer();
        FakeCheckpointer still = new FakeCheckpointer();
        ShardCheckpointState movingState = tracker.register("shard-1");
        movingState.recordStored(at("100"), moving);
        tracker.register("shard-2").recordStored(at("500"), still);
        tracker.checkpointAll();

        movingState.recordStored(at("101"), moving);
        tracker.checkpointAll();

        assertThat(moving.checkpoints()).containsExactly("100/0", "101/0");
        assertThat(still.checkpoints()).containsExactly("500/0");
    }

    @Test
    void unregisteredShardIsNoLongerCheckpointed() {
        ShardCheckpointState state = tracker.register("shard-1");
        state.recordStored(at("100"), new FakeCheckpointer());
        FakeCheckpointer checkpointer = new FakeCheckpointer();
        state.recordStored(at("101"), checkpointer);

        tracker.unregister(state);
        tracker.checkpointAll();

        assertThat(state.isClosed()).isTrue();
        assertThat(tracker.trackedShardCount()).isZero();
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void registeringAShardAgainReplacesAndClosesItsEarlierState() {
        ShardCheckpointState earlier = tracker.register("shard-1");
        FakeCheckpointer checkpointer = new FakeCheckpointer();
        earlier.recordStored(at("100"), checkpointer);

        ShardCheckpointState later = tracker.register("shard-1");
        tracker.checkpointAll();

        assertThat(later).isNotSameAs(earlier);
        assertThat(earlier.isClosed()).isTrue();
        assertThat(tracker.trackedShardCount()).isEqualTo(1);
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void unregisteringAnEarlierStateKeepsTheCurrentOne() {
        ShardCheckpointState earlier = tracker.register("shard-1");
        ShardCheckpointState current = tracker.register("shard-1");
        FakeCheckpointer checkpointer = new FakeCheckpointer();
        current.recordStored(at("100"), checkpointer);

        tracker.unregister(earlier);
        tracker.checkpointAll();

        assertThat(tracker.trackedShardCount()).isEqualTo(1);
        assertThat(checkpointer.checkpoints()).containsExactly("100/0");
    }

    @Test
    void shardWhoseLeaseWasLostIsDropped() {
        FakeCheckpointer lost = new FakeCheckpointer().failNext(new ShutdownException("lease lost"));
        FakeCheckpointer kept = new FakeCheckpointer();
        tracker.register("shard-1").recordStored(at("100"), lost);
        tracker.register("shard-2").recordStored(at("200"), kept);

        tracker.checkpointAll();

        assertThat(tracker.trackedShardCount()).isEqualTo(1);
        assertThat(kept.checkpoints()).containsExactly("200/0");
        assertThat(lost.checkpoints()).isEmpty();
    }

    @Test
    void timerCheckpointsPeriodically() {
        FakeCheckpointer checkpointer = new FakeCheckpointer();
        ShardCheckpointState state = tracker.register("shard-1");
        state.recordStored(at("100"), checkpointer);

        tracker.start(Duration.ofMillis(10));

        Eventually.await(Duration.ofSeconds(10), () -> checkpointer.checkpoints().contains("100/0"),
                checkpointer::toString);
        state.recordStored(at("101"), checkpointer);
        Eventually.await(Duration.ofSeconds(10), () -> checkpointer.checkpoints().contains("101/0"),
                checkpointer::toString);
    }

    @Test
    void timerSurvivesARoundThatThrows() {
        FakeCheckpointer checkpointer = new FakeCheckpointer()
                .failNext(new IllegalArgumentException("unexpected KCL failure"));
        tracker.register("shard-1").recordStored(at("100"), checkpointer);

        tracker.start(Duration.ofMillis(10));

        Eventually.await(Duration.ofSeconds(10), () -> checkpointer.checkpoints().contains("100/0"),
                checkpointer::toString);
        assertThat(checkpointer.attempts()).isGreaterThanOrEqualTo(2);
    }
}
