package org.apache.spark.streaming.kinesis.internal.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.FakeCheckpointer;
import org.apache.spark.streaming.kinesis.testing.FakeDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.exceptions.ShutdownException;

class CheckpointTrackerTest {

    private final FakeDriver driver = new FakeDriver();
    private final CheckpointTracker tracker = new CheckpointTracker("checkpoint-tracker-test", "worker-1", driver);

    @AfterEach
    void closeTracker() {
        tracker.close();
    }

    private static RecordPosition at(String sequenceNumber) {
        return new RecordPosition(sequenceNumber, 0);
    }

    /** Registers {@code shardId}, stores up to {@code position} and has the driver process it. */
    private ShardCheckpointState processed(String shardId, RecordPosition position, FakeCheckpointer checkpointer) {
        ShardCheckpointState state = tracker.register(shardId);
        processedMore(state, position, checkpointer);
        return state;
    }

    private void processedMore(ShardCheckpointState state, RecordPosition position, FakeCheckpointer checkpointer) {
        state.recordStored(position, checkpointer);
        driver.processUpTo(state.tenureId(), state.shardId(), position);
    }

    @Test
    void registeredShardsAreTrackedEachInANewTenure() {
        ShardCheckpointState state = tracker.register("shard-1");
        ShardCheckpointState again = tracker.register("shard-1");
        tracker.register("shard-2");

        assertThat(state.shardId()).isEqualTo("shard-1");
        assertThat(state.tenureId()).startsWith("worker-1/shard-1/").isNotEqualTo(again.tenureId());
        assertThat(tracker.trackedShardCount()).isEqualTo(2);
    }

    @Test
    void checkpointAllCheckpointsEveryShardAtWhatTheDriverConfirmed() {
        FakeCheckpointer first = new FakeCheckpointer();
        FakeCheckpointer second = new FakeCheckpointer();
        processed("shard-1", at("100"), first);
        processed("shard-2", new RecordPosition("205", 2), second);
        ShardCheckpointState idle = tracker.register("shard-3");

        tracker.checkpointAll();

        assertThat(first.checkpoints()).containsExactly("100/0");
        assertThat(second.checkpoints()).containsExactly("205/2");
        assertThat(idle.lastCheckpointed()).isNull();
        assertThat(tracker.trackedShardCount()).isEqualTo(3);
    }

    @Test
    void storedRecordsWhoseBatchHasNotCompletedAreNotCheckpointed() {
        FakeCheckpointer checkpointer = new FakeCheckpointer();
        ShardCheckpointState state = processed("shard-1", at("100"), checkpointer);
        state.recordStored(at("200"), checkpointer);

        tracker.checkpointAll();

        assertThat(checkpointer.checkpoints()).containsExactly("100/0");
    }

    @Test
    void anUnreachableDriverHoldsCheckpointsBack() {
        FakeCheckpointer checkpointer = new FakeCheckpointer();
        processed("shard-1", at("100"), checkpointer);
        driver.reachable(false);

        tracker.checkpointAll();

        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void checkpointAllOnlyWritesShardsThatMovedOn() {
        FakeCheckpointer moving = new FakeCheckpointer();
        FakeCheckpointer still = new FakeCheckpointer();
        ShardCheckpointState movingState = processed("shard-1", at("100"), moving);
        processed("shard-2", at("500"), still);
        tracker.checkpointAll();

        processedMore(movingState, at("101"), moving);
        tracker.checkpointAll();

        assertThat(moving.checkpoints()).containsExactly("100/0", "101/0");
        assertThat(still.checkpoints()).containsExactly("500/0");
    }

    @Test
    void oneShardsFailingCheckpointDoesNotKeepTheOthersFromTheirs() {
        List<String> shards = List.of("shard-1", "shard-2", "shard-3", "shard-4");
        // The shard the tracker's map iterates first fails: with no per-shard handling the round would end there.
        Map<String, Boolean> sameOrder = new ConcurrentHashMap<>();
        shards.forEach(shard -> sameOrder.put(shard, true));
        String failingShard = sameOrder.keySet().iterator().next();
        Map<String, FakeCheckpointer> checkpointers = new ConcurrentHashMap<>();
        for (String shard : shards) {
            FakeCheckpointer checkpointer = new FakeCheckpointer();
            if (shard.equals(failingShard)) {
                checkpointer.failAlways(new IllegalStateException("unexpected KCL failure"));
            }
            checkpointers.put(shard, checkpointer);
            processed(shard, at("100"), checkpointer);
        }

        tracker.checkpointAll();

        shards.stream().filter(shard -> !shard.equals(failingShard)).forEach(shard ->
                assertThat(checkpointers.get(shard).checkpoints()).as(shard).containsExactly("100/0"));
        assertThat(tracker.trackedShardCount()).isEqualTo(4);
    }

    @Test
    void unregisteredShardIsNoLongerCheckpointed() {
        FakeCheckpointer checkpointer = new FakeCheckpointer();
        ShardCheckpointState state = processed("shard-1", at("100"), checkpointer);

        tracker.unregister(state);
        tracker.checkpointAll();

        assertThat(state.isClosed()).isTrue();
        assertThat(tracker.trackedShardCount()).isZero();
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void registeringAShardAgainReplacesAndClosesItsEarlierState() {
        FakeCheckpointer checkpointer = new FakeCheckpointer();
        ShardCheckpointState earlier = processed("shard-1", at("100"), checkpointer);

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
        FakeCheckpointer checkpointer = new FakeCheckpointer();
        processed("shard-1", at("100"), checkpointer);

        tracker.unregister(earlier);
        tracker.checkpointAll();

        assertThat(tracker.trackedShardCount()).isEqualTo(1);
        assertThat(checkpointer.checkpoints()).containsExactly("100/0");
    }

    @Test
    void shardWhoseLeaseWasLostIsDropped() {
        FakeCheckpointer lost = new FakeCheckpointer().failNext(new ShutdownException("lease lost"));
        FakeCheckpointer kept = new FakeCheckpointer();
        processed("shard-1", at("100"), lost);
        processed("shard-2", at("200"), kept);

        tracker.checkpointAll();

        assertThat(tracker.trackedShardCount()).isEqualTo(1);
        assertThat(kept.checkpoints()).containsExactly("200/0");
        assertThat(lost.checkpoints()).isEmpty();
    }

    @Test
    void refreshAsksTheDriverForOneShard() {
        ShardCheckpointState state = tracker.register("shard-1");
        state.recordStored(at("100"), new FakeCheckpointer());
        driver.processUpTo(state.tenureId(), "shard-1", at("100"));

        tracker.refresh(state);

        assertThat(state.recoverablePosition()).isEqualTo(at("100"));
        assertThat(state.allStoredRecoverable()).isTrue();
    }

    @Test
    void timerCheckpointsPeriodically() {
        FakeCheckpointer checkpointer = new FakeCheckpointer();
        ShardCheckpointState state = processed("shard-1", at("100"), checkpointer);

        tracker.start(Duration.ofMillis(10));

        Eventually.await(Duration.ofSeconds(10), () -> checkpointer.checkpoints().contains("100/0"),
                checkpointer::toString);
        processedMore(state, at("101"), checkpointer);
        Eventually.await(Duration.ofSeconds(10), () -> checkpointer.checkpoints().contains("101/0"),
                checkpointer::toString);
    }

    @Test
    void timerSurvivesARoundThatThrows() {
        FakeCheckpointer checkpointer = new FakeCheckpointer();
        processed("shard-1", at("100"), checkpointer);
        driver.onAsk(new Runnable() {
            private boolean thrown;

            @Override
            public void run() {
                if (!thrown) {
                    thrown = true;
                    throw new IllegalStateException("unexpected failure");
                }
            }
        });

        tracker.start(Duration.ofMillis(10));

        Eventually.await(Duration.ofSeconds(10), () -> checkpointer.checkpoints().contains("100/0"),
                checkpointer::toString);
    }
}
