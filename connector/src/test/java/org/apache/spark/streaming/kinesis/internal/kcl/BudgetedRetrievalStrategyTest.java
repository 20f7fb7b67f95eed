package org.apache.spark.streaming.kinesis.internal.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.streaming.kinesis.internal.read.ShardCallPacer;
import io.github.sparkkinesis.localstack.Eventually;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.kinesis.retrieval.GetRecordsResponseAdapter;
import software.amazon.kinesis.retrieval.GetRecordsRetrievalStrategy;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.polling.DataFetcher;
import software.amazon.kinesis.retrieval.polling.KinesisDataFetcher;

/**
 * A receiver holding many shards that are all behind: each shard's prefetch thread reads ahead as far as the KCL lets
 * it (three answers queued per shard, its default), through the budgeted GetRecords calls. Without the receiver's
 * budget, 1,000 shards hold 3,000 answers of 1 MiB; with it, never more than the budget.
 */
class BudgetedRetrievalStrategyTest {

    private static final int SHARDS = 1_000;
    /** The KCL's default {@code maxPendingProcessRecordsInput}: answers a shard's prefetch queue holds. */
    private static final int READS_PER_SHARD = 3;
    private static final long MIB = 1024 * 1024;
    private static final long BUDGET = 64 * MIB;
    private static final byte[] DATA = new byte[(int) (MIB - ReceiverPrefetchBudget.RECORD_OVERHEAD_BYTES)];
    /** A safety net for a loaded machine, never a measurement. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final AtomicLong fetchedBytes = new AtomicLong();
    private final AtomicLong processedBytes = new AtomicLong();
    private final AtomicLong mostHeldBytes = new AtomicLong();
    private final AtomicLong fetchTimes = new AtomicLong();

    /** A batch handed on towards the record processor. */
    private record Delivered(String shardId, Instant fetchedAt, long bytes) {
    }

    @Test
    void aThousandShardsAllBehindNeverHoldMoreThanTheReceiversBudgetAndAllAreRead() throws Exception {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(BUDGET);
        BlockingQueue<Delivered> toProcess = new LinkedBlockingQueue<>();
        AtomicInteger finished = new AtomicInteger();
        List<Thread> prefetchThreads = new ArrayList<>();
        for (int i = 0; i < SHARDS; i++) {
            String shardId = "shardId-" + i;
            ReceiverPrefetchBudget.Shard account = budget.shard(shardId);
            GetRecordsRetrievalStrategy strategy = new BudgetedRetrievalStrategy(new AlwaysBehind(), account,
                    ShardCallPacer.atKinesisLimits());
            Thread thread = new Thread(() -> {
                for (int read = 0; read < READS_PER_SHARD; read++) {
                    List<KinesisClientRecord> records = strategy.getRecordsAdapter(10_000).records();
                    Instant fetchedAt = Instant.ofEpochMilli(fetchTimes.incrementAndGet());
                    long bytes = ReceiverPrefetchBudget.bytes(records);
                    account.delivering(fetchedAt, records);
                    toProcess.add(new Delivered(shardId, fetchedAt, bytes));
                }
                finished.incrementAndGet();
            }, "prefetch-" + shardId);
            thread.setDaemon(true);
            prefetchThreads.add(thread);
        }
        prefetchThreads.forEach(Thread::start);

        // Nothing is stored yet: every shard's read ahead either finished or waits for room.
        Eventually.await(TIMEOUT, () -> finished.get() + budget.waitingReads() == SHARDS,
                () -> finished.get() + " shards done and " + budget.waitingReads() + " waiting");
        assertThat(fetchedBytes.get()).isLessThanOrEqualTo(BUDGET);
        assertThat(budget.usedBytes()).isLessThanOrEqualTo(BUDGET);

        // The receiver stores one batch at a time: the waiting reads go on, within the budget, until all are done.
        for (int stored = 0; stored < SHARDS * READS_PER_SHARD; stored++) {
            Delivered batch = toProcess.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(batch).as("batch %d of %d to store (%d shards done, %d waiting, %d bytes used)", stored + 1,
                    SHARDS * READS_PER_SHARD, finished.get(), budget.waitingReads(), budget.usedBytes()).isNotNull();
            processedBytes.addAndGet(batch.bytes());
            budget.processed(batch.shardId(), batch.fetchedAt());
        }
        for (Thread thread : prefetchThreads) {
            thread.join(TIMEOUT.toMillis());
        }
        assertThat(fetchedBytes.get()).isEqualTo(SHARDS * READS_PER_SHARD * MIB);
        assertThat(mostHeldBytes.get()).isLessThanOrEqualTo(BUDGET);
        assertThat(budget.usedBytes()).isZero();
    }

    @Test
    void kinesisCountsTheRecordsDataAndPartitionKeysAgainstTheShardsReadLimit() {
        List<KinesisClientRecord> records = List.of(
                KinesisClientRecord.builder().data(ByteBuffer.wrap(new byte[1_000])).partitionKey("key-1").build(),
                KinesisClientRecord.builder().data(ByteBuffer.wrap(new byte[24])).partitionKey("k").build());
        assertThat(BudgetedRetrievalStrategy.kinesisBytes(records)).isEqualTo(1_000 + 5 + 24 + 1);
    }

    @Test
    void aShardsReadsKeepToKinesissByteRateOnceItWasThrottled() {
        ReceiverPrefetchBudget budget = new ReceiverPrefetchBudget(BUDGET);
        AtomicInteger calls = new AtomicInteger();
        BudgetedRetrievalStrategy strategy = new BudgetedRetrievalStrategy(new AlwaysBehind() {
            @Override
            public GetRecordsResponseAdapter getRecordsAdapter(int maxRecords) {
                if (calls.incrementAndGet() == 2) {
                    throw ProvisionedThroughputExceededException.builder().message("Rate exceeded").build();
                }
                return super.getRecordsAdapter(maxRecords);
            }
        }, budget.shard("shardId-throttled"), ShardCallPacer.atKinesisLimits());

        strategy.getRecordsAdapter(10_000);
        assertThat(strategy.limitsEnforced()).isFalse();
        assertThatThrownBy(() -> strategy.getRecordsAdapter(10_000))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThat(strategy.limitsEnforced()).isTrue();
        assertThat(budget.usedBytes()).isEqualTo(MIB);
        strategy.getRecordsAdapter(10_000);
        assertThat(calls.get()).isEqualTo(3);
    }

    /** A shard far behind: every call returns a full answer of 1 MiB and counts what the receiver then holds. */
    private class AlwaysBehind implements GetRecordsRetrievalStrategy {

        @Override
        public GetRecordsResponseAdapter getRecordsAdapter(int maxRecords) {
            long held = fetchedBytes.addAndGet(MIB) - processedBytes.get();
            mostHeldBytes.accumulateAndGet(held, Math::max);
            return new Answer();
        }

        @Override
        @SuppressWarnings("deprecation")
        public GetRecordsResponse getRecords(int maxRecords) {
            throw new UnsupportedOperationException("The prefetcher calls getRecordsAdapter");
        }

        @Override
        public void shutdown() {
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        @SuppressWarnings("deprecation")
        public KinesisDataFetcher getDataFetcher() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<DataFetcher> getDataFetcherOverride() {
            return Optional.empty();
        }

        @Override
        public DataFetcher dataFetcher() {
            throw new UnsupportedOperationException();
        }
    }

    /** One record of 1 MiB (with its overhead), its data shared by all answers. */
    private static final class Answer implements GetRecordsResponseAdapter {

        @Override
        public List<KinesisClientRecord> records() {
            List<KinesisClientRecord> records = new ArrayList<>();
            records.add(KinesisClientRecord.builder().data(ByteBuffer.wrap(DATA)).sequenceNumber("1")
                    .partitionKey("k").build());
            return records;
        }

        @Override
        public Long millisBehindLatest() {
            return Duration.ofHours(1).toMillis();
        }

        @Override
        public List<ChildShard> childShards() {
            return List.of();
        }

        @Override
        public String nextShardIterator() {
            return "next";
        }

        @Override
        public String requestId() {
            return "request";
        }
    }
}
