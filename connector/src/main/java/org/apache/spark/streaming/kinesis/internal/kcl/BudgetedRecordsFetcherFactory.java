package org.apache.spark.streaming.kinesis.internal.kcl;

import software.amazon.kinesis.metrics.MetricsFactory;
import software.amazon.kinesis.retrieval.DataFetchingStrategy;
import software.amazon.kinesis.retrieval.GetRecordsRetrievalStrategy;
import software.amazon.kinesis.retrieval.RecordsFetcherFactory;
import software.amazon.kinesis.retrieval.RecordsPublisher;
import software.amazon.kinesis.retrieval.polling.SimpleRecordsFetcherFactory;
import software.amazon.kinesis.retrieval.polling.SleepTimeController;

/**
 * The KCL's prefetching publisher for each shard, with every shard of the receiver drawing on one
 * {@link ReceiverPrefetchBudget}: the KCL's per-shard settings (bytes, records and answers queued) still apply, and on
 * top of them the shards' reads wait while the receiver as a whole holds its budget.
 */
final class BudgetedRecordsFetcherFactory implements RecordsFetcherFactory {

    private final RecordsFetcherFactory kcl = new SimpleRecordsFetcherFactory();
    private final ReceiverPrefetchBudget budget;

    BudgetedRecordsFetcherFactory(ReceiverPrefetchBudget budget) {
        this.budget = budget;
    }

    @Override
    public RecordsPublisher createRecordsFetcher(GetRecordsRetrievalStrategy strategy, String shardId,
            MetricsFactory metricsFactory, int maxRecords, SleepTimeController sleepTimeController) {
        ReceiverPrefetchBudget.Shard shard = budget.shard(shardId);
        RecordsPublisher publisher = kcl.createRecordsFetcher(new BudgetedRetrievalStrategy(strategy, shard), shardId,
                metricsFactory, maxRecords, sleepTimeController);
        return new BudgetedRecordsPublisher(publisher, shard);
    }

    @Override
    public RecordsPublisher createRecordsFetcher(GetRecordsRetrievalStrategy strategy, String shardId,
            MetricsFactory metricsFactory, int maxRecords) {
        ReceiverPrefetchBudget.Shard shard = budget.shard(shardId);
        RecordsPublisher publisher = kcl.createRecordsFetcher(new BudgetedRetrievalStrategy(strategy, shard), shardId,
                metricsFactory, maxRecords);
        return new BudgetedRecordsPublisher(publisher, shard);
    }

    @Override
    public void maxPendingProcessRecordsInput(int maxPendingProcessRecordsInput) {
        kcl.maxPendingProcessRecordsInput(maxPendingProcessRecordsInput);
    }

    @Override
    public int maxPendingProcessRecordsInput() {
        return kcl.maxPendingProcessRecordsInput();
    }

    @Override
    public void maxByteSize(int maxByteSize) {
        kcl.maxByteSize(maxByteSize);
    }

    @Override
    public int maxByteSize() {
        return kcl.maxByteSize();
    }

    @Override
    public void maxRecordsCount(int maxRecordsCount) {
        kcl.maxRecordsCount(maxRecordsCount);
    }

    @Override
    public int maxRecordsCount() {
        return kcl.maxRecordsCount();
    }

    @Override
    public void dataFetchingStrategy(DataFetchingStrategy dataFetchingStrategy) {
        kcl.dataFetchingStrategy(dataFetchingStrategy);
    }

    @Override
    public DataFetchingStrategy dataFetchingStrategy() {
        return kcl.dataFetchingStrategy();
    }

    @Override
    public void idleMillisBetweenCalls(long idleMillisBetweenCalls) {
        kcl.idleMillisBetweenCalls(idleMillisBetweenCalls);
    }

    @Override
    public long idleMillisBetweenCalls() {
        return kcl.idleMillisBetweenCalls();
    }

    @Override
    public void millisBehindLatestThresholdForReducedTps(long millis) {
        kcl.millisBehindLatestThresholdForReducedTps(millis);
    }

    @Override
    public long millisBehindLatestThresholdForReducedTps() {
        return kcl.millisBehindLatestThresholdForReducedTps();
    }
}
