package org.apache.spark.streaming.kinesis.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.internal.checkpoint.CheckpointTracker;
import org.apache.spark.streaming.kinesis.testing.FakeCheckpointer;
import org.apache.spark.streaming.kinesis.testing.TestRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

    /** A failure handler that records what it is told. */
    private static final class RecordingFailureHandler implements ReceiverFailureHandler {
        final List<String> messages = new ArrayList<>();
        final List<Throwable> causes = new ArrayList<>();

        @Override
        public void restartAfter(String message, Throwable cause) {
            messages.add(message);
            causes.add(cause);
        }
    }

    private final RecordingBlockStore<String> store = new RecordingBlockStore<>();
    private final RecordingFailureHandler failures = new RecordingFailureHandler();
    private final FakeCheckpointer checkpointer = new FakeCheckpointer();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private CheckpointTracker tracker;

    @BeforeEach
    void createTracker() {
        tracker = new CheckpointTracker("processor-test-checkpoints", Duration.ZERO);
    }

    @AfterEach
    void closeTracker() {
        tracker.close();
    }

    private KinesisShardRecordProcessor<String> processor(RecordConverter<String> converter) {
        BlockWriter<String> writer = new BlockWriter<>(STREAM, store,
                new ReceiverRateLimiter(() -> ReceiverRateLimiter.UNLIMITED), 200, () -> false);
        return new KinesisShardRecordProcessor<>(STREAM, converter, writer, tracker, failures, stopping::get);
    }

    private KinesisShardRecordProcessor<String> initialized(RecordConverter<String> converter) {
        KinesisShardRecordProcessor<String> processor = processor(converter);
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
    void recordsAreConvertedAndStoredAsOneBlockWithTheirRange() {
        KinesisShardRecordProcessor<String> processor = initialized();

        processor.processRecords(batch(TestRecords.plain(100, 3)));

        assertThat(store.blocks()).hasSize(1);
        assertThat(store.blocks().get(0).values()).containsExactly("pk-100", "pk-101", "pk-102");
        assertThat(store.blocks().get(0).range()).isEqualTo(new SequenceNumberRange(STREAM, SHARD,
                new RecordPosition("100", 0), new RecordPosition("102", 0), 3));
        assertThat(failures.messages).isEmpty();
    }

    @Test
    void storedRecordsAreCheckpointedByTheTrackerThroughTheBatchCheckpointer() {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));

        tracker.checkpointAll();

        assertThat(checkpointer.checkpoints()).containsExactly("102/0");
    }

    @Test
    void nothingIsCheckpointedBeforeTheTrackerRuns() {
        initialized().processRecords(batch(TestRecords.plain(100, 3)));

        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void emptyBatchStoresNothing() {
        initialized().processRecords(batch(List.of()));

        assertThat(store.blocks()).isEmpty();
        tracker.checkpointAll();
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void failingConverterReportsTheShardAndPositionAndStoresNothing() {
        KinesisShardRecordProcessor<String> processor = initialized(failingOn("101"));

        processor.processRecords(batch(TestRecords.plain(100, 3)));

        assertThat(store.blocks()).isEmpty();
        assertThat(failures.messages).singleElement().asString()
                .contains("101/0")
                .contains("pk-101")
                .contains(SHARD)
                .contains(STREAM)
                .endsWith("; restarting the receiver from the last checkpoint");
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
        assertThat(failures.messages).hasSize(1);
    }

    @Test
    void failingConverterAfterEarlierBatchesKeepsTheCheckpointAtTheLastStoredRecord() {
        KinesisShardRecordProcessor<String> processor = initialized(failingOn("201"));
        processor.processRecords(batch(TestRecords.plain(100, 3)));

        processor.processRecords(batch(TestRecords.plain(200, 3)));
        processor.processRecords(batch(TestRecords.plain(300, 3)));
        tracker.checkpointAll();

        assertThat(store.allValues()).containsExactly("pk-100", "pk-101", "pk-102");
        assertThat(checkpointer.checkpoints()).containsExactly("102/0");
    }

    @Test
    void failingStoreReportsTheShardAndTheLastStoredPosition() {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        store.failFromBlock(2);

        processor.processRecords(batch(TestRecords.plain(200, 3)));

        assertThat(failures.messages).singleElement().asString()
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
        tracker.checkpointAll();

        assertThat(failures.messages).hasSize(1);
        assertThat(store.blocks()).hasSize(1);
        assertThat(checkpointer.checkpoints()).containsExactly("102/0");
    }

    @Test
    void shardEndIsCheckpointedThroughTheShardEndCheckpointer() {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        FakeCheckpointer shardEnd = new FakeCheckpointer();

        processor.shardEnded(ShardEndedInput.builder().checkpointer(shardEnd).build());

        assertThat(shardEnd.checkpoints()).containsExactly(FakeCheckpointer.SHARD_END);
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

        processor.leaseLost(LeaseLostInput.builder().build());
        tracker.checkpointAll();

        assertThat(tracker.trackedShardCount()).isZero();
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void batchesAfterALostLeaseAreIgnored() {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.leaseLost(LeaseLostInput.builder().build());

        processor.processRecords(batch(TestRecords.plain(100, 3)));

        assertThat(store.blocks()).isEmpty();
    }

    @Test
    void shutdownRequestedCheckpointsTheLastStoredRecordThroughTheHandoffCheckpointer() {
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        FakeCheckpointer handoff = new FakeCheckpointer();

        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(handoff).build());

        assertThat(handoff.checkpoints()).containsExactly("102/0");
        assertThat(checkpointer.attempts()).isZero();
    }

    @Test
    void aStoppingReceiverCheckpointsOnlyRecordsStoredForTheSafetyDelay() {
        AtomicLong clock = new AtomicLong(1_000_000);
        tracker.close();
        tracker = new CheckpointTracker("processor-test-delayed", Duration.ofSeconds(3), clock::get);
        KinesisShardRecordProcessor<String> processor = initialized();
        processor.processRecords(batch(TestRecords.plain(100, 3)));
        clock.addAndGet(3000);
        processor.processRecords(batch(TestRecords.plain(103, 2)));
        stopping.set(true);
        FakeCheckpointer stop = new FakeCheckpointer();

        processor.shutdownRequested(ShutdownRequestedInput.builder().checkpointer(stop).build());

        assertThat(stop.checkpoints()).as("the recent block may never be processed").containsExactly("102/0");
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
                KinesisClientRecord::partitionKey, new BlockWriter<>(STREAM, store,
                        new ReceiverRateLimiter(() -> ReceiverRateLimiter.UNLIMITED), 200, () -> false), tracker,
                failures, () -> false);

        assertThat(factory.shardRecordProcessor()).isNotSameAs(factory.shardRecordProcessor())
                .isInstanceOf(KinesisShardRecordProcessor.class);
    }
}
