package org.apache.spark.streaming.kinesis.internal.kcl;

import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.kinesis.retrieval.DataFetcherProviderConfig;
import software.amazon.kinesis.retrieval.polling.KinesisDataFetcher;

/**
 * The KCL's GetRecords caller for one shard, asking each time for no more records than the receiver's
 * {@link ReceiverPrefetchBudget} gives the shard's current read ({@link ReceiverPrefetchBudget#recordLimit}: fewer for
 * a first read cut to the shard's share); the KCL's own fetcher always asks for {@code maxRecords}. Used through {@code PollingConfig.dataFetcherProvider}.
 */
final class BudgetedDataFetcher extends KinesisDataFetcher {

    private final ReceiverPrefetchBudget budget;
    private final String shardId;
    private final int maxRecords;

    BudgetedDataFetcher(KinesisAsyncClient kinesis, DataFetcherProviderConfig config, ReceiverPrefetchBudget budget) {
        super(kinesis, config);
        this.budget = budget;
        this.shardId = config.getShardId();
        this.maxRecords = config.getMaxRecords();
    }

    @Override
    public GetRecordsRequest getGetRecordsRequest(String nextIterator) {
        GetRecordsRequest request = super.getGetRecordsRequest(nextIterator);
        int limit = budget.recordLimit(shardId);
        return limit >= maxRecords ? request : request.toBuilder().limit(limit).build();
    }
}
