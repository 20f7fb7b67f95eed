package org.apache.spark.streaming.kinesis.internal.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

class ReceiverPrefetchBudgetTest {

    private static final long MIB = 1024 * 1024;
    private static final long FIRST_READ = ReceiverPrefetchBudget.MAX_ANSWER_BYTES;
    private static final byte[] SHARED_DATA = new byte[(int) (16 * MIB)];
    private static final Instant FETCHED = Instant.parse("2026-11-30T00:00:00Z");
    /** How long a read that must wait is given to show that it does (never a performance bound). */
    private static final long STILL_WAITING_MILLIS = 200;

    @Test
    void recordsCountTheirDataAndTheirOverhead() {
        List<KinesisClientRecord> records = List.of(record(100), record(1_000), record(0));
        assertThat(ReceiverPrefetchBudget.bytes(records))
                .isEqualTo(1_100 + 3 * ReceiverPrefetchBudget.RECORD_OVERHEAD_BYTES);
        assertThat(ReceiverPrefetchBudget.bytes(List.of())).isZero();
    }

    @Test
    void aFirstReadReservesTheLargestAnswerSoShardsStartingTogetherStayWithinTheBudget() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(3 * FIRST_READ);
        for (int i = 0; i < 3; i++) {
            assertThat(budget.shard("shard-1").reserve()).isEqualTo(FIRST_READ);
        }
        CompletableFuture<Long> fourth = reserveAsync(budget.shard("shard-2"));
        assertStillWaiting(fourth);
        assertThat(budget.usedBytes()).isEqualTo(3 * FIRST_READ);
    }

    @Test
    void anAnswerSettlesToItsRealSizeAndTheNextReadReservesThat() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(64 * MIB);
        ReceiverPrefetchBudget.Shard shard = budget.shard("shard-3");
        long reserved = shard.reserve();
        shard.settle(reserved, 3 * MIB);
        assertThat(budget.usedBytes()).isEqualTo(3 * MIB);
        assertThat(shard.heldBytes()).isEqualTo(3 * MIB);
        assertThat(shard.reserve()).isEqualTo(3 * MIB);
        assertThat(budget.usedBytes()).isEqualTo(6 * MIB);
    }

    @Test
    void emptyAnswersStillReserveTheMinimum() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(64 * MIB);
        ReceiverPrefetchBudget.Shard shard = budget.shard("shard-4");
        shard.settle(shard.reserve(), 0);
        assertThat(budget.usedBytes()).isZero();
        assertThat(shard.reserve()).isEqualTo(ReceiverPrefetchBudget.MIN_RESERVATION_BYTES);
    }

    @Test
    void aProcessedBatchGivesItsBytesBackAndWakesAWaitingRead() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(FIRST_READ + MIB);
        ReceiverPrefetchBudget.Shard first = holdingAFullAnswer(budget, "shard-5");
        CompletableFuture<Long> second = reserveAsync(budget.shard("shard-6"));
        assertStillWaiting(second);

        budget.processed("shard-5", FETCHED);

        // Two shards: the second's first read is cut to its share of the budget.
        long share = budget.limitBytes() / (2 * 2);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(share);
        assertThat(first.heldBytes()).isZero();
        assertThat(budget.usedBytes()).isEqualTo(share);
    }

    @Test
    void aFailedReadGivesItsReservationBack() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(64 * MIB);
        ReceiverPrefetchBudget.Shard shard = budget.shard("shard-7");
        shard.cancel(shard.reserve());
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void anEmptyReceiverAdmitsAnAnswerLargerThanTheWholeBudget() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(MIB);
        ReceiverPrefetchBudget.Shard shard = budget.shard("shard-8");
        shard.settle(shard.reserve(), FIRST_READ, 1);
        assertThat(budget.usedBytes()).isGreaterThan(budget.limitBytes());
        // The one record it holds is larger than the whole budget: the empty receiver still admits its next read.
        shard.reset();
        assertThat(shard.reserve()).isEqualTo(FIRST_READ);
    }

    @Test
    void waitingReadsAreServedInArrivalOrder() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(FIRST_READ + MIB);
        ReceiverPrefetchBudget.Shard holder = holdingAFullAnswer(budget, "shard-9");
        // A shard that waits for a large answer is not passed by one that arrives later with a small answer.
        CompletableFuture<Long> large = reserveAsync(budget.shard("shard-10"));
        assertStillWaiting(large);
        ReceiverPrefetchBudget.Shard small = budget.shard("shard-11");
        small.settle(0, 0);
        budget.shard("shard-12"); // unrelated shards change nothing
        CompletableFuture<Long> later = reserveAsync(small);
        assertStillWaiting(later);

        budget.processed("shard-9", FETCHED);

        // Four shards now, whose shares are smaller than the largest answer: the first read reserves a share, the
        // small shard's later read its minimum.
        assertThat(large.get(10, TimeUnit.SECONDS)).isEqualTo(budget.limitBytes() / (2 * 4));
        assertThat(later.get(10, TimeUnit.SECONDS)).isEqualTo(ReceiverPrefetchBudget.MIN_RESERVATION_BYTES);
    }

    @Test
    void aResetQueueGivesBackEverythingItHeldAndIgnoresLateAcknowledgements() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(64 * MIB);
        ReceiverPrefetchBudget.Shard shard = budget.shard("shard-13");
        shard.settle(shard.reserve(), 2 * MIB);
        shard.delivering(FETCHED, batchOf(2 * MIB));
        shard.settle(shard.reserve(), 2 * MIB);

        shard.reset();
        budget.processed("shard-13", FETCHED);

        assertThat(budget.usedBytes()).isZero();
        assertThat(shard.heldBytes()).isZero();
    }

    @Test
    void aRestartingShardStopsWaitingSoThatTheKclCanResetIt() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(FIRST_READ);
        ReceiverPrefetchBudget.Shard holder = budget.shard("shard-14");
        holder.settle(holder.reserve(), FIRST_READ);
        ReceiverPrefetchBudget.Shard restarting = budget.shard("shard-15");
        CompletableFuture<Long> read = reserveAsync(restarting);
        assertStillWaiting(read);

        restarting.stopWaiting();

        assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(budget.limitBytes() / (2 * 2));
    }

    @Test
    void aClosedShardStopsWaitingAndCountsNothingMore() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(FIRST_READ);
        ReceiverPrefetchBudget.Shard holder = budget.shard("shard-16");
        holder.settle(holder.reserve(), FIRST_READ);
        ReceiverPrefetchBudget.Shard closing = budget.shard("shard-17");
        CompletableFuture<Long> read = reserveAsync(closing);
        assertStillWaiting(read);

        closing.close();

        assertThat(read.get(10, TimeUnit.SECONDS)).isZero();
        closing.settle(0, 5 * MIB);
        holder.close();
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void processingABatchGivesBackOlderBatchesThatNeverReachedTheProcessor() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(64 * MIB);
        ReceiverPrefetchBudget.Shard shard = budget.shard("shard-a");
        shard.settle(shard.reserve(), 2 * MIB);
        shard.delivering(FETCHED, batchOf(2 * MIB));
        shard.settle(shard.reserve(), 3 * MIB);
        shard.delivering(FETCHED.plusMillis(200), batchOf(3 * MIB));
        shard.settle(shard.reserve(), 4 * MIB);
        shard.delivering(FETCHED.plusMillis(400), batchOf(4 * MIB));

        // The first batch's records were all filtered out: the KCL never called the processor with it.
        budget.processed("shard-a", FETCHED.plusMillis(200));

        assertThat(budget.usedBytes()).isEqualTo(4 * MIB);
        assertThat(shard.heldBytes()).isEqualTo(4 * MIB);
        budget.processed("another-shard", FETCHED.plusMillis(400));
        assertThat(budget.usedBytes()).isEqualTo(4 * MIB);
    }

    @Test
    void aProcessedBatchIsEmptiedSoThatTheKclsLastBatchOfTheShardHoldsNoRecords() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(64 * MIB);
        ReceiverPrefetchBudget.Shard shard = budget.shard("shard-c");
        List<KinesisClientRecord> batch = batchOf(MIB);
        shard.settle(shard.reserve(), MIB);
        shard.delivering(FETCHED, batch);

        budget.processed("shard-c", FETCHED);

        assertThat(batch).isEmpty();
        // An unmodifiable batch is given back all the same.
        shard.settle(shard.reserve(), MIB);
        shard.delivering(FETCHED.plusMillis(200), List.copyOf(batchOf(MIB)));
        budget.processed("shard-c", FETCHED.plusMillis(200));
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void aShardsNewAccountReplacesTheOldOneForItsProcessor() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(64 * MIB);
        ReceiverPrefetchBudget.Shard old = budget.shard("shard-b");
        ReceiverPrefetchBudget.Shard current = budget.shard("shard-b");
        current.settle(current.reserve(), 2 * MIB);
        current.delivering(FETCHED, batchOf(2 * MIB));

        old.close();
        budget.processed("shard-b", FETCHED);

        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void aReceiverWithFewShardsReadsFullAnswersWithoutARecordLimit() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(256 * MIB);
        ReceiverPrefetchBudget.Shard shard = budget.shard("shard-d");
        assertThat(shard.reserve()).isEqualTo(FIRST_READ);
        assertThat(budget.recordLimit("shard-d")).isEqualTo(ShardReadSize.UNLIMITED);
    }

    @Test
    void everyShardOfAReceiverHoldingManyGetsItsFirstReadInAtOnceWithinTheBudget() throws Exception {
        int shards = 128;
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(256 * MIB);
        List<ReceiverPrefetchBudget.Shard> accounts = new ArrayList<>();
        for (int i = 0; i < shards; i++) {
            accounts.add(budget.shard("many-" + i));
        }
        long[] reserved = new long[shards];
        for (int i = 0; i < shards; i++) {
            // None of these waits: a reservation that had to wait would never return here (nothing is stored).
            reserved[i] = accounts.get(i).reserve();
            assertThat(reserved[i]).isLessThanOrEqualTo(ShardReadSize.INITIAL_RECORD_BYTES);
            // Before any answer, a record may be as large as Kinesis allows: the first read asks for one.
            assertThat(budget.recordLimit("many-" + i)).isEqualTo(1);
        }
        assertThat(budget.usedBytes()).isLessThanOrEqualTo(budget.limitBytes());

        // Once answers of 1 KiB records arrive, a new shard's first read asks for as many records as its share holds.
        long recordBytes = 1024 + ReceiverPrefetchBudget.RECORD_OVERHEAD_BYTES;
        accounts.get(0).settle(reserved[0], recordBytes, 1);
        ReceiverPrefetchBudget.Shard late = budget.shard("many-late");
        long share = budget.limitBytes() / (2L * (shards + 1));
        assertThat(late.reserve()).isEqualTo(share);
        assertThat(budget.recordLimit("many-late")).isEqualTo((int) (share / recordBytes));

        // A shard's later reads ask for full answers again, reserving the largest answer (its cut first read says
        // nothing about the size of its full answers).
        assertThat(accounts.get(0).reserve()).isEqualTo(FIRST_READ);
        assertThat(budget.recordLimit("many-0")).isEqualTo(ShardReadSize.UNLIMITED);
    }

    @Test
    void firstReadsGoAheadOfLaterReads() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(FIRST_READ + MIB);
        ReceiverPrefetchBudget.Shard holder = holdingAFullAnswer(budget, "shard-e");
        CompletableFuture<Long> holdersNext = reserveAsync(holder);
        assertStillWaiting(holdersNext);
        CompletableFuture<Long> newcomersFirst = reserveAsync(budget.shard("shard-f"));
        assertStillWaiting(newcomersFirst);

        budget.processed("shard-e", FETCHED);

        // The newcomer's first read, cut to its share, went first; the holder's full read waits for room after it.
        assertThat(newcomersFirst.get(10, TimeUnit.SECONDS)).isEqualTo(budget.limitBytes() / (2 * 2));
        assertStillWaiting(holdersNext);
    }

    @Test
    void aBudgetMustBePositive() {
        assertThatThrownBy(() -> new ReceiverPrefetchBudget(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A shard of {@code budget} that holds one full answer, delivered at {@link #FETCHED} and not yet processed. */
    private static ReceiverPrefetchBudget.Shard holdingAFullAnswer(ReceiverPrefetchBudget budget, String shardId)
            throws InterruptedException {
        ReceiverPrefetchBudget.Shard shard = budget.shard(shardId);
        shard.settle(shard.reserve(), FIRST_READ);
        shard.delivering(FETCHED, batchOf(FIRST_READ));
        return shard;
    }

    private static CompletableFuture<Long> reserveAsync(ReceiverPrefetchBudget.Shard shard) {
        CompletableFuture<Long> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(shard.reserve());
            } catch (InterruptedException e) {
                result.completeExceptionally(e);
            }
        }, "prefetch-budget-test");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static void assertStillWaiting(CompletableFuture<Long> read)
            throws InterruptedException, ExecutionException {
        try {
            read.get(STILL_WAITING_MILLIS, TimeUnit.MILLISECONDS);
            throw new AssertionError("The read did not wait for the budget");
        } catch (TimeoutException expected) {
            // still waiting, as it should
        }
    }

    /** A batch of one record that counts {@code bytes} in all (its data backed by a shared array). */
    static List<KinesisClientRecord> batchOf(long bytes) {
        int data = (int) (bytes - ReceiverPrefetchBudget.RECORD_OVERHEAD_BYTES);
        List<KinesisClientRecord> batch = new ArrayList<>();
        batch.add(KinesisClientRecord.builder().data(ByteBuffer.wrap(SHARED_DATA, 0, data)).sequenceNumber("1")
                .partitionKey("k").build());
        return batch;
    }

    private static KinesisClientRecord record(int bytes) {
        return KinesisClientRecord.builder().data(ByteBuffer.wrap(new byte[bytes])).sequenceNumber("1")
                .partitionKey("k").build();
    }
}
