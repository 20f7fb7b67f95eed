package org.apache.spark.streaming.kinesis.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CoalescingBlockStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final RecordingBlockStore<String> recorded = new RecordingBlockStore<>();
    /** Holds the first store in the target until released, so that others arrive while it is in progress. */
    private final CountDownLatch firstStoreEntered = new CountDownLatch(1);
    private final CountDownLatch releaseFirstStore = new CountDownLatch(1);
    private final List<CompletableFuture<Void>> callers = new ArrayList<>();
    private int storesSeen;

    private final BlockStore<String> slowFirstStore = (values, ranges, sizeBytes) -> {
        boolean first;
        synchronized (this) {
            first = storesSeen++ == 0;
        }
        if (first) {
            firstStoreEntered.countDown();
            Eventually.await(releaseFirstStore);
        }
        recorded.store(values, ranges, sizeBytes);
    };

    @AfterEach
    void releaseEverything() {
        releaseFirstStore.countDown();
    }

    private static SequenceNumberRanges block(String shardId, int records) {
        RecordPosition position = new RecordPosition("100", 0);
        return SequenceNumberRanges.stored(new SequenceNumberRange("orders", shardId, position, position, records),
                null, "worker/" + shardId + "/1");
    }

    /** The size the tests give a block: 100 bytes a record. */
    private static long size(int records) {
        return 100L * records;
    }

    private static List<String> values(String shardId, int records) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            values.add(shardId + "-" + i);
        }
        return values;
    }

    /** Stores a block of {@code shardId} on its own thread, as a shard's record processor does. */
    private CompletableFuture<Void> storeInBackground(CoalescingBlockStore<String> store, String shardId,
            int records) {
        CompletableFuture<Void> caller = CompletableFuture.runAsync(
                () -> store.store(values(shardId, records).iterator(), block(shardId, records), size(records)),
                runnable -> new Thread(runnable, "processor-" + shardId).start());
        callers.add(caller);
        return caller;
    }

    private static void awaitPending(CoalescingBlockStore<String> store, int blocks) {
        Eventually.await(WAIT, () -> store.pendingBlocks() == blocks,
                () -> "expected " + blocks + " pending blocks, saw " + store.pendingBlocks());
    }

    /**
     * Shard 1's block (2 records) in the store, held there, and then shard 2's (3) and shard 3's (1) waiting, in this
     * order: the three callers.
     */
    private List<CompletableFuture<Void>> twoWaitingBehindAStore(CoalescingBlockStore<String> store) {
        CompletableFuture<Void> first = storeInBackground(store, "shard-1", 2);
        Eventually.await(firstStoreEntered);
        CompletableFuture<Void> second = storeInBackground(store, "shard-2", 3);
        awaitPending(store, 1);
        CompletableFuture<Void> third = storeInBackground(store, "shard-3", 1);
        awaitPending(store, 2);
        return List.of(first, second, third);
    }

    @Test
    void aBlockHandedInWhileNothingIsStoredIsStoredAtOnceAsItIs() {
        CoalescingBlockStore<String> store = new CoalescingBlockStore<>(recorded);
        SequenceNumberRanges ranges = block("shard-1", 3);

        store.store(values("shard-1", 3).iterator(), ranges, size(3));

        assertThat(recorded.blocks()).hasSize(1);
        assertThat(recorded.blocks().get(0).ranges()).isSameAs(ranges);
        assertThat(recorded.blocks().get(0).values()).isEqualTo(values("shard-1", 3));
    }

    @Test
    void blocksHandedInDuringAStoreGoTogetherAsOneBlockWithAPartEach() throws Exception {
        CoalescingBlockStore<String> store = new CoalescingBlockStore<>(slowFirstStore);
        List<CompletableFuture<Void>> stores = twoWaitingBehindAStore(store);
        CompletableFuture<Void> first = stores.get(0);
        CompletableFuture<Void> second = stores.get(1);
        CompletableFuture<Void> third = stores.get(2);

        // Nobody returns before the block holding its values is stored.
        assertThat(List.of(first, second, third)).noneMatch(CompletableFuture::isDone);
        releaseFirstStore.countDown();
        CompletableFuture.allOf(first, second, third).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(recorded.blocks()).hasSize(2);
        RecordingBlockStore.Block<String> combined = recorded.blocks().get(1);
        List<String> expected = new ArrayList<>(values("shard-2", 3));
        expected.addAll(values("shard-3", 1));
        assertThat(combined.values()).isEqualTo(expected);
        assertThat(combined.ranges().parts()).containsExactly(block("shard-2", 3), block("shard-3", 1));
        assertThat(combined.sizeBytes()).isEqualTo(size(4));
        assertThat(store.pendingBlocks()).isZero();
    }

    @Test
    void aFailedCombinedStoreFailsEveryCallerInItAndTheNextStoreStillWorks() throws Exception {
        BlockStore<String> failingSecondStore = (values, ranges, sizeBytes) -> {
            slowFirstStore.store(values, ranges, sizeBytes);
            if (ranges.parts().size() > 1) {
                throw new IllegalStateException("block manager is full");
            }
        };
        CoalescingBlockStore<String> store = new CoalescingBlockStore<>(failingSecondStore);
        List<CompletableFuture<Void>> stores = twoWaitingBehindAStore(store);
        releaseFirstStore.countDown();

        stores.get(0).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        for (CompletableFuture<Void> failed : stores.subList(1, 3)) {
            assertThat(failed).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .havingCause().isInstanceOf(IllegalStateException.class)
                    .withMessageContaining("together with other shards' blocks failed")
                    .havingCause().withMessage("block manager is full");
        }
        store.store(values("shard-4", 1).iterator(), block("shard-4", 1), size(1));
        assertThat(recorded.blocks().get(recorded.blocks().size() - 1).ranges()).isEqualTo(block("shard-4", 1));
    }

    @Test
    void aCombinedBlockTakesTheOldestBlocksUpToTheSizeBoundAndTheRestFollow() throws Exception {
        CoalescingBlockStore<String> store = new CoalescingBlockStore<>(slowFirstStore, size(5));
        CompletableFuture<Void> first = storeInBackground(store, "shard-1", 1);
        Eventually.await(firstStoreEntered);
        for (int shard = 2; shard <= 4; shard++) {
            storeInBackground(store, "shard-" + shard, 3);
            awaitPending(store, shard - 1);
        }
        releaseFirstStore.countDown();
        CompletableFuture.allOf(callers.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        // 3 + 3 records' size passes the bound of 5's: each waiting block goes alone, oldest first, none left behind.
        assertThat(first).isDone();
        assertThat(recorded.blocks()).extracting(b -> b.ranges().ranges().get(0).shardId())
                .containsExactly("shard-1", "shard-2", "shard-3", "shard-4");
        assertThat(recorded.allValues()).hasSize(10);
    }
}
