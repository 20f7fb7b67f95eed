package org.apache.spark.streaming.kinesis.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.internal.kcl.ReceiverPrefetchBudget;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.TestRecords;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

class BlockWriterTest {

    private static final String STREAM = "orders";
    private static final String SHARD = "shardId-000000000007";
    private static final String TENURE = "worker-1/shardId-000000000007/1";
    // 1000 records/s over 20 ms block intervals: blocks of 20 records, each waiting about 20 ms for its permits.
    private static final long RATE = 1000;
    private static final long BLOCK_INTERVAL_MILLIS = 20;

    private final RecordingBlockStore<String> store = new RecordingBlockStore<>();
    private final List<RecordPosition> stored = new ArrayList<>();

    private BlockWriter<String> unlimitedWriter() {
        return new BlockWriter<>(STREAM, store, new ReceiverRateLimiter(() -> ReceiverRateLimiter.UNLIMITED),
                BLOCK_INTERVAL_MILLIS, new StoreGate());
    }

    private BlockWriter<String> limitedWriter(long recordsPerSecond) {
        return new BlockWriter<>(STREAM, store, new ReceiverRateLimiter(() -> recordsPerSecond),
                BLOCK_INTERVAL_MILLIS, new StoreGate());
    }

    private static List<String> values(List<KinesisClientRecord> records) {
        return records.stream().map(record -> record.sequenceNumber() + "/" + record.subSequenceNumber()).toList();
    }

    private void write(BlockWriter<String> writer, List<KinesisClientRecord> records) {
        writer.write(SHARD, TENURE, records, values(records), 1_500L, stored::add);
    }

    private static RecordPosition at(String sequenceNumber, long subSequenceNumber) {
        return new RecordPosition(sequenceNumber, subSequenceNumber);
    }

    @Test
    void eachBlockIsSizedByItsRecordsDataAndTheirOverhead() {
        List<KinesisClientRecord> records = TestRecords.plain(100, 50);
        long data = records.stream().mapToLong(record -> record.data().limit()).sum();

        write(unlimitedWriter(), records);

        assertThat(store.blocks().get(0).sizeBytes())
                .isEqualTo(data + 50 * ReceiverPrefetchBudget.RECORD_OVERHEAD_BYTES);
    }

    @Test
    void withoutRateLimitABatchIsOneBlock() {
        List<KinesisClientRecord> records = TestRecords.plain(100, 50);

        write(unlimitedWriter(), records);

        assertThat(store.blocks()).hasSize(1);
        assertThat(store.blocks().get(0).values()).isEqualTo(values(records));
    }

    @Test
    void withoutRateLimitTheBlockRangeIsExact() {
        write(unlimitedWriter(), TestRecords.plain(100, 50));

        SequenceNumberRange range = store.blocks().get(0).range();
        assertThat(range).isEqualTo(new SequenceNumberRange(STREAM, SHARD, at("100", 0), at("149", 0), 50));
        assertThat(store.blocks().get(0).ranges().ranges()).hasSize(1);
        assertThat(store.blocks().get(0).ranges().millisBehindLatest()).hasValue(1_500);
        assertThat(stored).containsExactly(at("149", 0));
    }

    @Test
    void singleRecordBatchIsABlockOfOne() {
        write(unlimitedWriter(), TestRecords.plain(7, 1));

        assertThat(store.blocks().get(0).range())
                .isEqualTo(new SequenceNumberRange(STREAM, SHARD, at("7", 0), at("7", 0), 1));
        assertThat(stored).containsExactly(at("7", 0));
    }

    @Test
    void emptyBatchStoresNothing() {
        unlimitedWriter().write(SHARD, TENURE, List.of(), List.of(), null, stored::add);

        assertThat(store.blocks()).isEmpty();
        assertThat(stored).isEmpty();
    }

    @Test
    void recordsAndValuesOfDifferentSizesAreRejected() {
        List<KinesisClientRecord> records = TestRecords.plain(100, 3);

        assertThatThrownBy(() -> unlimitedWriter().write(SHARD, TENURE, records, List.of("a", "b"), null,
                stored::add))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("3 records but 2 values");
        assertThat(store.blocks()).isEmpty();
    }

    @Test
    void rateLimitCutsABatchIntoBlocksOfWhatOneIntervalAllows() {
        List<KinesisClientRecord> records = TestRecords.plain(1000, 45);

        write(limitedWriter(RATE), records);

        assertThat(store.blocks()).extracting(block -> block.values().size()).containsExactly(20, 20, 5);
        assertThat(store.allValues()).isEqualTo(values(records));
    }

    @Test
    void rateLimitedBlocksHaveExactConsecutiveRanges() {
        write(limitedWriter(RATE), TestRecords.plain(1000, 45));

        assertThat(store.blocks()).extracting(RecordingBlockStore.Block::range).containsExactly(
                new SequenceNumberRange(STREAM, SHARD, at("1000", 0), at("1019", 0), 20),
                new SequenceNumberRange(STREAM, SHARD, at("1020", 0), at("1039", 0), 20),
                new SequenceNumberRange(STREAM, SHARD, at("1040", 0), at("1044", 0), 5));
    }

    @Test
    void onStoredIsCalledOnceForEveryBlockInOrder() {
        write(limitedWriter(RATE), TestRecords.plain(1000, 45));

        assertThat(stored).containsExactly(at("1019", 0), at("1039", 0), at("1044", 0));
    }

    @Test
    void onStoredIsCalledOnlyAfterItsBlockIsStored() {
        List<Integer> blocksStoredWhenReported = new ArrayList<>();
        BlockWriter<String> writer = limitedWriter(RATE);
        List<KinesisClientRecord> records = TestRecords.plain(1000, 40);

        writer.write(SHARD, TENURE, records, values(records), null,
                position -> blocksStoredWhenReported.add(store.blocks().size()));

        assertThat(blocksStoredWhenReported).containsExactly(1, 2);
    }

    @Test
    void deAggregatedRecordsKeepTheirSubSequenceNumbersInTheRanges() {
        List<KinesisClientRecord> records = new ArrayList<>(TestRecords.aggregate("500", 15));
        records.addAll(TestRecords.aggregate("501", 15));

        write(limitedWriter(RATE), records);

        assertThat(store.blocks()).extracting(RecordingBlockStore.Block::range).containsExactly(
                new SequenceNumberRange(STREAM, SHARD, at("500", 0), at("501", 4), 20),
                new SequenceNumberRange(STREAM, SHARD, at("501", 5), at("501", 14), 10));
        assertThat(stored).containsExactly(at("501", 4), at("501", 14));
    }

    @Test
    void blockBoundaryInsideAnAggregateSplitsItBySubSequenceNumber() {
        String sequence = "49590338271490256608559692538361571095921575989136588898";
        List<KinesisClientRecord> records = TestRecords.aggregate(sequence, 25);

        write(limitedWriter(RATE), records);

        assertThat(store.blocks()).extracting(RecordingBlockStore.Block::range).containsExactly(
                new SequenceNumberRange(STREAM, SHARD, at(sequence, 0), at(sequence, 19), 20),
                new SequenceNumberRange(STREAM, SHARD, at(sequence, 20), at(sequence, 24), 5));
    }

    @Test
    void failingStorePropagatesAndReportsOnlyTheBlocksStoredBefore() {
        store.failFromBlock(2);

        assertThatThrownBy(() -> write(limitedWriter(RATE), TestRecords.plain(1000, 45)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Block manager failed on block 2");

        assertThat(store.blocks()).hasSize(1);
        assertThat(stored).containsExactly(at("1019", 0));
    }

    @Test
    void failingFirstStoreReportsNothing() {
        store.failFromBlock(1);

        assertThatThrownBy(() -> write(unlimitedWriter(), TestRecords.plain(1000, 45)))
                .isInstanceOf(IllegalStateException.class);

        assertThat(stored).isEmpty();
    }

    @Test
    void aStoppingSessionEndsTheBatchBetweenBlocks() {
        StoreGate gate = new StoreGate();
        BlockWriter<String> writer = new BlockWriter<>(STREAM, store, new ReceiverRateLimiter(() -> RATE),
                BLOCK_INTERVAL_MILLIS, gate);
        // The session stops (on another thread, as Spark's onStop does) while the first block is being stored.
        store.afterEachStore(() -> {
            new Thread(gate::close).start();
            Eventually.await(Duration.ofSeconds(30), gate::isClosed, () -> "the gate never closed");
        });

        assertThatThrownBy(() -> write(writer, TestRecords.plain(1000, 45)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("25 records of shard");
        assertThat(store.blocks()).hasSize(1);
        assertThat(stored).hasSize(1);
    }

    @Test
    void aClosedGateStoresNothingEvenForAThreadThatOutlivedItsSession() {
        StoreGate gate = new StoreGate();
        BlockWriter<String> writer = new BlockWriter<>(STREAM, store,
                new ReceiverRateLimiter(() -> ReceiverRateLimiter.UNLIMITED), BLOCK_INTERVAL_MILLIS, gate);
        gate.close();

        assertThatThrownBy(() -> write(writer, TestRecords.plain(1000, 5)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("5 records of shard");
        assertThat(store.blocks()).isEmpty();
        assertThat(stored).isEmpty();
    }

    @Test
    void closingTheGateWaitsForTheStoreInProgress() throws Exception {
        StoreGate gate = new StoreGate();
        CountDownLatch storing = new CountDownLatch(1);
        CountDownLatch finishStore = new CountDownLatch(1);
        Thread kclThread = new Thread(() -> gate.storeIfOpen(() -> {
            storing.countDown();
            Eventually.await(finishStore);
        }));
        kclThread.start();
        storing.await();
        Thread closer = new Thread(gate::close);
        closer.start();

        Eventually.await(Duration.ofSeconds(30), () -> closer.getState() == Thread.State.WAITING,
                () -> "the closing thread is " + closer.getState());
        assertThat(closer.isAlive()).as("close() returned while a block was being stored").isTrue();
        finishStore.countDown();
        closer.join();
        kclThread.join();
        assertThat(gate.storeIfOpen(() -> { })).isFalse();
    }


    @Test
    void everyBlockNamesTheTenureThatStoredIt() {
        write(limitedWriter(RATE), TestRecords.plain(1000, 45));

        assertThat(store.blocks()).extracting(block -> block.ranges().tenureId().orElseThrow())
                .containsOnly(TENURE).hasSize(3);
    }

    @Test
    void rateChangesApplyFromTheNextBlock() {
        AtomicLong rate = new AtomicLong(RATE);
        BlockWriter<String> writer = new BlockWriter<>(STREAM, store, new ReceiverRateLimiter(rate::get),
                BLOCK_INTERVAL_MILLIS, new StoreGate());
        store.afterEachStore(() -> rate.set(RATE / 2));

        write(writer, TestRecords.plain(1000, 45));

        assertThat(store.blocks()).extracting(block -> block.values().size()).containsExactly(20, 10, 10, 5);
    }

    @Test
    void liftingTheRateLimitStoresTheRestAsOneBlock() {
        AtomicLong rate = new AtomicLong(RATE);
        BlockWriter<String> writer = new BlockWriter<>(STREAM, store, new ReceiverRateLimiter(rate::get),
                BLOCK_INTERVAL_MILLIS, new StoreGate());
        store.afterEachStore(() -> rate.set(ReceiverRateLimiter.UNLIMITED));

        write(writer, TestRecords.plain(1000, 45));

        assertThat(store.blocks()).extracting(block -> block.values().size()).containsExactly(20, 25);
    }
}
