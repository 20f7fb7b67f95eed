package org.apache.spark.streaming.kinesis.internal.kcl;

import java.util.Optional;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.kinesis.retrieval.GetRecordsResponseAdapter;
import software.amazon.kinesis.retrieval.GetRecordsRetrievalStrategy;
import software.amazon.kinesis.retrieval.RetryableRetrievalException;
import software.amazon.kinesis.retrieval.polling.DataFetcher;
import software.amazon.kinesis.retrieval.polling.KinesisDataFetcher;

/**
 * One shard's GetRecords calls, each made only once the receiver's {@link ReceiverPrefetchBudget} has room for its
 * answer. It runs on the shard's prefetch thread, so waiting here is the KCL's read-ahead pausing for that shard alone.
 */
final class BudgetedRetrievalStrategy implements GetRecordsRetrievalStrategy {

    private final GetRecordsRetrievalStrategy kcl;
    private final ReceiverPrefetchBudget.Shard shard;

    BudgetedRetrievalStrategy(GetRecordsRetrievalStrategy kcl, ReceiverPrefetchBudget.Shard shard) {
        this.kcl = kcl;
        this.shard = shard;
    }

    @Override
    public GetRecordsResponseAdapter getRecordsAdapter(int maxRecords) {
        long reserved = reserve();
        boolean settled = false;
        try {
            GetRecordsResponseAdapter answer = new ConvertedOnceAnswer(kcl.getRecordsAdapter(maxRecords));
            shard.settle(reserved, ReceiverPrefetchBudget.bytes(answer.records()));
            settled = true;
            return answer;
        } finally {
            if (!settled) {
                shard.cancel(reserved);
            }
        }
    }

    /** The KCL's prefetcher calls {@link #getRecordsAdapter}; this older form is not budgeted. */
    @Override
    @SuppressWarnings("deprecation")
    public GetRecordsResponse getRecords(int maxRecords) {
        return kcl.getRecords(maxRecords);
    }

    private long reserve() {
        try {
            return shard.reserve();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The prefetcher treats this as "try again", and sees the interrupt (its shutdown) on its next round.
            throw new RetryableRetrievalException("Interrupted while waiting for the receiver's prefetch budget", e);
        }
    }

    @Override
    public void shutdown() {
        kcl.shutdown();
    }

    @Override
    public boolean isShutdown() {
        return kcl.isShutdown();
    }

    @Override
    @SuppressWarnings("deprecation")
    public KinesisDataFetcher getDataFetcher() {
        return kcl.getDataFetcher();
    }

    @Override
    public Optional<DataFetcher> getDataFetcherOverride() {
        return kcl.getDataFetcherOverride();
    }

    @Override
    public DataFetcher dataFetcher() {
        return kcl.dataFetcher();
    }
}
