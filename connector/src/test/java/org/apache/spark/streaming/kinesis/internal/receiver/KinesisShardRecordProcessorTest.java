package org.apache.spark.streaming.kinesis.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;
import org.apache.spark.streaming.kinesis.internal.checkpoint.CheckpointTracker;
import org.apache.spark.streaming.kinesis.internal.config.PollingSettings;
import org.apache.spark.streaming.kinesis.internal.config.ReceiverSettings;
import org.apache.spark.streaming.kinesis.internal.config.ReceiverSettings.HandlerFailureAction;
import org.apache.spark.streaming.kinesis.internal.kcl.ReceiverPrefetchBudget;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.FakeCheckpointer;
import org.apache.spark.streaming.kinesis.testing.FakeDriver;
import org.apache.spark.streaming.kinesis.testing.TestRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

class KinesisShardRecordProcessorTest {

    private static final String STREAM = "orders";
    private static final String SHARD = "shardId-000000000003";
    private static final Duration LONG_HANDOVER_WAIT = Duration.ofMinutes(5);

    /** A failure handler that records what it is told, by kind. */
    private static final class RecordingFailureHandler implements ReceiverFailureHandler {
        final List<String> restarts = new ArrayList<>();
        final List<String> stops = new ArrayList<>();
        final List<String> reports = new ArrayList<>();
        final List<Throwable> causes = new ArrayList<>();

        @Override
        public void restartAfter(String message, Throwable cause) {
            restarts.add(message);
            causes.add(cause);
        }

        @Override
        public void stopStreaming(String message, Throwable cause) {
            stops.add(message);
            causes.add(cause);
        }

        @Override
        public void report(String message, Throwable cause) {
            reports.add(message);
            causes.add(cause);
        }
    }

    private final RecordingBlockStore<String> store = new RecordingBlockStore<>();
    private final RecordingFailureHandler failures = new RecordingFailureHandler();
    private final FakeCheckpointer checkpointer = new FakeCheckpointer();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final FakeDriver driver = new FakeDriver();
    private final CheckpointTracker tracker = new CheckpointTracker("processor-test-checkpoints", "worker-1", driver);
    private FailureBudget budget = new FailureBudget(ReceiverSettings.DEFAULTS);
    private Duration handoverWait = LONG_HANDOVER_WAIT;
    private final ReceiverPrefetchBudget prefetchBudget =
            new ReceiverPrefetchBudget(PollingSettings.DEFAULT_MAX_PREFETCH_BYTES_PER_RECEIVER);

    @AfterEach
    void closeTracker() {
        tracker.close();
    }

    private BlockWriter<String> writer() {
        return new BlockWriter<>(STREAM, store, new ReceiverRateLimiter(() -> ReceiverRateLimiter.UNLIMITED), 200,
                new StoreGate());
    }

    private KinesisShardRecordProcessor<String> initialized(RecordConverter<String> converter) {
        KinesisShardRecordProcessor<String> processor = new KinesisShardRecordProcessor<>(STREAM, converter,
                writer(), tracker, failures, budget, stopping::get, handoverWait, prefetchBudget);
        processor.initialize(InitializationInput.builder()
                .shardId(SHARD)
                .extendedSequenceNumber(ExtendedSequenceNumber.TRIM_HORIZON)
                .build());
        return processor;
    }

    private KinesisShardRecordProcessor<String> initialized() {
        return initialized(KinesisClientRecord::partitionKey);
    }

    private ProcessRecordsInput batch(List<KinesisClientRecord> records) {
        return ProcessRecordsInput.builder().records(records).checkpointer(checkpointer).build();
    }

    /** The driver runs a batch of every block stored so far that it has not seen yet, and completes it. */
    private void driverProcessesStoredBlocks() {
        driver.process(newBlocks());
    }

    private final AtomicInteger blocksSeenByDriver = new AtomicInteger();

    private List<SequenceNumberRanges> newBlocks() {
        List<RecordingBlockStore.Block<String>> blocks = store.blocks();
        List<SequenceNumberRanges> fresh = blocks.subList(blocksSeenByDriver.get(), blocks.size()).stream()
                .map(RecordingBlockStore.Block::ranges).toList();
        blocksSeenByDriver.set(blocks.size());
        return fresh;
    }

    /** Fails on the record with sequence number {@code failing}, converts the others to their partition key. */
    private static RecordConverter<String> failingOn(String failing) {
        return record -> {
            if (record.sequenceNumber().equals(failing)) {
                throw new IllegalArgumentException("cannot parse " + failing);
            }
            return record.partitionKey();
        };
    }

    @Test
    void initializeRegistersTheShard() {
        initialized();

        assertThat(tracker.trackedShardCount()).isEqualTo(1);
    }

    @Test
    void recordsAreConvertedAndStoredAsOneBlockWithTheirRangeAndTenure() {
        KinesisShardRecordProcessor<String> processor = initialized();

        processor.processRecords(batch(TestRecords.plain(100, 3)));

        assertThat(store.blocks()).hasSize(1);
        assertThat(store.blocks().get(0).values()).containsExactly("pk-100", "pk-101", "pk-102");
        assertThat(store.blocks().get(0).range()).isEqualTo(new SequenceNumberRange(STREAM, SHARD,
                new RecordPosition("100", 0), new RecordPosition("102", 0), 3));
        assertThat(store.blocks().get(0).ranges().tenureId()).hasValueSatisfying(
                tenure -> assertThat(tenure).startsWith("worker-1/" + SHARD + "/"));
        assertThat(failures.restarts).isEmpty();
    }

    @Test
    void storedRecordsAreNotCheckpointedBeforeTheDriverCompletesTheirBatch() {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        driver.generate(newBlocks());

        tracker.checkpointAll();

        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void storedRecordsAreCheckpointedOnceTheirBatchCompleted() {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        driverProcessesStoredBlocks();
        processor.processRecords(batch(TestRecords.plain(103, 2)));

        tracker.checkpointAll();

        assertThat(checkpointer.checkpoints()).containsExactly("102/0");
    }

    @Test
    void emptyBatchStoresNothing() {
        initialized().processRecords(batch(List.of()));

        assertThat(store.blocks()).isEmpty();
        tracker.checkpointAll();
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void failingConverterReportsTheShardAndPositionStoresNothingAndRestarts() {
        KinesisShardRecordProcessor<String> processor = initialized(failingOn("101"));

        processor.processRecords(batch(TestRecords.plain(100, 3)));

        assertThat(store.blocks()).isEmpty();
        assertThat(failures.restarts).singleElement().asString()
                .contains("101/0")
                .contains("pk-101")
                .contains(SHARD)
                .contains(STREAM)
                .endsWith("; restarting the receiver from the last checkpoint to try again");
        assertThat(failures.causes).singleElement().isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void linkageErrorInTheConverterIsReportedToo() {
        KinesisShardRecordProcessor<String> processor = initialized(record -> {
            throw new NoClassDefFoundError("com/example/Missing");
        });

        processor.processRecords(batch(TestRecords.plain(100, 1)));

        assertThat(failures.causes).singleElement().isInstanceOf(NoClassDefFoundError.class);
        assertThat(store.blocks()).isEmpty();
    }

    @Test
    void failingConverterFreezesTheShardSoLaterBatchesAreIgnored() {
        KinesisShardRecordProcessor<String> processor = initialized(failingOn("101"));
        processor.processRecords(batch(TestRecords.plain(100, 3)));

        processor.processRecords(batch(TestRecords.plain(200, 3)));

        assertThat(store.blocks()).isEmpty();
        assertThat(failures.restarts).hasSize(1);
    }

    @Test
    void failingConverterAfterEarlierBatchesKeepsTheCheckpointAtTheLastStoredRecord() {
        KinesisShardRecordProcessor<String> processor = initialized(failingOn("201"));
        processor.processRecords(batch(TestRecords.plain(100, 3)));

        processor.processRecords(batch(TestRecords.plain(200, 3)));
        processor.processRecords(batch(TestRecords.plain(300, 3)));
        driverProcessesStoredBlocks();
        tracker.checkpointAll();

        assertThat(store.allValues()).containsExactly("pk-100", "pk-101", "pk-102");
        assertThat(checkpointer.checkpoints()).containsExactly("102/0");
    }

    @Test
    void aRecordTheHandlerKeepsFailingOnStopsTheStreamingContextAfterTheConfiguredAttempts() {
        // Each attempt is a new processor, as after a receiver restart; the budget lives in the receiver.
        for (int attempt = 1; attempt <= 3; attempt++) {
            initialized(failingOn("101")).processRecords(batch(TestRecords.plain(100, 3)));
        }

        assertThat(failures.restarts).hasSize(2);
        assertThat(failures.stops).singleElement().asString()
                .contains("record 101/0 (partition key 'pk-101') of shard " + SHARD + " in stream " + STREAM)
                .contains("3 times in a row")
                .contains("spark.streaming.kinesis.handlerFailure.action=skip");
        assertThat(store.blocks()).isEmpty();
    }

    @Test
    void aRecordThatGoesThroughOnRetryStartsTheCountAfresh() {
        initialized(failingOn("101")).processRecords(batch(TestRecords.plain(100, 3)));
        initialized().processRecords(batch(TestRecords.plain(100, 3)));

        assertThat(budget.failingRecord(SHARD)).isNull();
        initialized(failingOn("101")).processRecords(batch(TestRecords.plain(100, 3)));
        assertThat(failures.restarts).hasSize(2);
        assertThat(failures.stops).isEmpty();
    }

    @Test
    void withTheSkipActionAFailingRecordIsLeftOutOfBlocksCutAroundIt() {
        budget = new FailureBudget(new ReceiverSettings(HandlerFailureAction.SKIP, 1,
                ReceiverSettings.DEFAULT_SETUP_MAX_ATTEMPTS, false));
        KinesisShardRecordProcessor<String> processor = initialized(failingOn("102"));

        processor.processRecords(batch(TestRecords.plain(100, 5)));
        driverProcessesStoredBlocks();
        tracker.checkpointAll();

        assertThat(store.blocks()).extracting(RecordingBlockStore.Block::range).containsExactly(
                new SequenceNumberRange(STREAM, SHARD, new RecordPosition("100", 0), new RecordPosition("101", 0), 2),
                new SequenceNumberRange(STREAM, SHARD, new RecordPosition("103", 0), new RecordPosition("104", 0), 2));
        assertThat(failures.reports).singleElement().asString().contains("record 102/0").contains("skipped it");
        assertThat(failures.restarts).isEmpty();
        assertThat(checkpointer.checkpoints()).containsExactly("104/0");
    }

    @Test
    void failingStoreReportsTheShardAndTheLastStoredPosition() {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        store.failFromBlock(2);

        processor.processRecords(batch(TestRecords.plain(200, 3)));

        assertThat(failures.restarts).singleElement().asString()
                .startsWith("Could not store 3 records of shard " + SHARD + " in stream " + STREAM + " after 102/0")
                .endsWith("; restarting the receiver from the last checkpoint");
        assertThat(failures.causes).singleElement().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void failingStoreFreezesTheShardSoLaterBatchesAreIgnoredAndNotCheckpointed() {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        store.failFromBlock(2);
        processor.processRecords(batch(TestRecords.plain(200, 3)));

        processor.processRecords(batch(TestRecords.plain(300, 3)));
        driverProcessesStoredBlocks();
        tracker.checkpointAll();

        assertThat(failures.restarts).hasSize(1);
        assertThat(store.blocks()).hasSize(1);
        assertThat(checkpointer.checkpoints()).containsExactly("102/0");
    }

    @Test
    void shardEndWaitsForTheDriverToProcessTheLastBlocksThenCheckpointsIt() throws Exception {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        FakeCheckpointer shardEnd = new FakeCheckpointer();
        AtomicInteger asks = new AtomicInteger();
        driver.onAsk(asks::incrementAndGet);

        CompletableFuture<Void> ending = CompletableFuture.runAsync(() ->
                processor.shardEnded(ShardEndedInput.builder().checkpointer(shardEnd).build()));
        Eventually.await(Duration.ofSeconds(30), () -> asks.get() >= 2, () -> "the processor never asked again");
        assertThat(shardEnd.attempts()).as("children may not start before the driver has the last records")
                .isZero();
        driverProcessesStoredBlocks();
        ending.get();

        assertThat(shardEnd.checkpoints()).containsExactly(FakeCheckpointer.SHARD_END);
        assertThat(tracker.trackedShardCount()).isZero();
    }

    @Test
    void aStoppingReceiverDoesNotCheckpointAShardEndWhoseLastRecordsAreNotProcessed() {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        driverProcessesStoredBlocks();
        processor.processRecords(batch(TestRecords.plain(103, 2)));
        stopping.set(true);
        FakeCheckpointer shardEnd = new FakeCheckpointer();

        processor.shardEnded(ShardEndedInput.builder().checkpointer(shardEnd).build());

        assertThat(shardEnd.checkpoints()).isEmpty();
        assertThat(checkpointer.checkpoints()).containsExactly("102/0");
        assertThat(tracker.trackedShardCount()).isZero();
    }

    @Test
    void shardEndIsNotCheckpointedWhenTheShardIsFrozen() {
        KinesisShardRecordProcessor<String> processor = initialized(failingOn("101"));
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        FakeCheckpointer shardEnd = new FakeCheckpointer();

        processor.shardEnded(ShardEndedInput.builder().checkpointer(shardEnd).build());

        assertThat(shardEnd.attempts()).isZero();
        assertThat(tracker.trackedShardCount()).isZero();
    }

    @Test
    void leaseLostUnregistersTheShard() {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        driverProcessesStoredBlocks();

        processor.leaseLost(LeaseLostInput.builder().build());
        tracker.checkpointAll();

        assertThat(tracker.trackedShardCount()).isZero();
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void aBatchGivesBackTheReceiversPrefetchBudgetOnceStoredOrNot() throws Exception {
        KinesisShardRecordProcessor<String> processor = initialized(failingOn("104"));
        ReceiverPrefetchBudget.Shard account = prefetchBudget.shard(SHARD);
        Instant first = Instant.parse("2026-11-30T00:00:00Z");
        Instant second = first.plusMillis(200);
        List<KinesisClientRecord> firstBatch = TestRecords.plain(100, 3);
        List<KinesisClientRecord> secondBatch = TestRecords.plain(103, 3);
        account.settle(account.reserve(), ReceiverPrefetchBudget.bytes(firstBatch));
        account.delivering(first, new ArrayList<>(firstBatch));
        account.settle(account.reserve(), ReceiverPrefetchBudget.bytes(secondBatch));
        account.delivering(second, new ArrayList<>(secondBatch));

        processor.processRecords(batch(firstBatch).toBuilder().cacheEntryTime(first).build());
        assertThat(prefetchBudget.usedBytes()).isEqualTo(ReceiverPrefetchBudget.bytes(secondBatch));

        // The message handler fails on one of its records: stored or not, the batch gives its bytes back.
        processor.processRecords(batch(secondBatch).toBuilder().cacheEntryTime(second).build());
        assertThat(prefetchBudget.usedBytes()).isZero();
    }

    @Test
    void aLeaseLostBeforeInitializationIsNothingToUnregister() {
        KinesisShardRecordProcessor<String> processor = new KinesisShardRecordProcessor<>(STREAM,
                KinesisClientRecord::partitionKey, writer(), tracker, failures, budget, stopping::get, handoverWait,
                prefetchBudget);

        processor.leaseLost(LeaseLostInput.builder().build());

        assertThat(tracker.trackedShardCount()).isZero();
    }

    @Test
    void batchesAfterALostLeaseAreIgnored() {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.leaseLost(LeaseLostInput.builder().build());

        processor.processRecords(batch(TestRecords.plain(100, 3)));

        assertThat(store.blocks()).isEmpty();
    }

    @Test
    void aHandOverWaitsForTheDriverToProcessEverythingStoredSoTheNewOwnerStartsRightAfter() throws Exception {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        FakeCheckpointer handoff = new FakeCheckpointer();
        AtomicInteger asks = new AtomicInteger();
        driver.onAsk(asks::incrementAndGet);

        CompletableFuture<Void> handingOver = CompletableFuture.runAsync(() ->
                processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(handoff).build()));
        Eventually.await(Duration.ofSeconds(30), () -> asks.get() >= 2, () -> "the processor never asked again");
        assertThat(handoff.attempts()).isZero();
        driverProcessesStoredBlocks();
        handingOver.get();

        assertThat(handoff.checkpoints()).containsExactly("102/0");
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void aHandOverNeverCheckpointsStoredRecordsTheDriverHasNotProcessed() {
        handoverWait = Duration.ZERO;
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        driverProcessesStoredBlocks();
        // Stored a moment before the hand-over: in no completed batch yet, maybe in no batch at all.
        processor.processRecords(batch(TestRecords.plain(103, 2)));
        FakeCheckpointer handoff = new FakeCheckpointer();

        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(handoff).build());

        assertThat(handoff.checkpoints()).as("the new owner must read 103 and 104 again").containsExactly("102/0");
    }

    @Test
    void aStoppingReceiverCheckpointsWhatTheDriverProcessedWithoutWaiting() {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        driverProcessesStoredBlocks();
        processor.processRecords(batch(TestRecords.plain(103, 2)));
        stopping.set(true);
        FakeCheckpointer stop = new FakeCheckpointer();

        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(stop).build());

        assertThat(stop.checkpoints()).as("the last block may never be processed").containsExactly("102/0");
    }

    @Test
    void shutdownRequestedWithNothingStoredWritesNothing() {
        KinesisShardRecordProcessor<String> processor = initialized();
        FakeCheckpointer handoff = new FakeCheckpointer();

        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(handoff).build());

        assertThat(handoff.attempts()).isZero();
    }

    @Test
    void factoryCreatesAFreshProcessorPerShard() {
        ShardRecordProcessorFactory factory = KinesisShardRecordProcessor.factory(STREAM,
                KinesisClientRecord::partitionKey, writer(), tracker, failures, budget, () -> false,
                LONG_HANDOVER_WAIT, prefetchBudget);

        assertThat(factory.shardRecordProcessor()).isNotSameAs(factory.shardRecordProcessor())
                .isInstanceOf(KinesisShardRecordProcessor.class);
    }
}
