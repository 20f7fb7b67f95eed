package org.apache.spark.streaming.kinesis.internal.kcl;

import org.apache.spark.streaming.kinesis.internal.read.ShardCallPacers;
import software.amazon.kinesis.metrics.MetricsFactory;
import software.amazon.kinesis.retrieval.DataFetchingStrategy;
import software.amazon.kinesis.retrieval.GetRecordsRetrievalStrategy;
import software.amazon.kinesis.retrieval.RecordsFetcherFactory;
import software.amazon.kinesis.retrieval.RecordsPublisher;
import software.amazon.kinesis.retrieval.polling.SimpleRecordsFetcherFactory;
import software.amazon.kinesis.retrieval.polling.SleepTimeController;

/**
 * The KCL's prefetching publisher for each shard, paced to the shard's Kinesis read limits (shared with the executor's
 * re-reads of the shard) and with every shard of the receiver drawing on one {@link ReceiverPrefetchBudget}: the KCL's per-shard settings (bytes, records and answers queued) still apply, and on
 * top of them the shards' reads wait while the receiver as a whole holds its budget.
 */
final class BudgetedRecordsFetcherFactory implements RecordsFetcherFactory {

    private final RecordsFetcherFactory kcl = new SimpleRecordsFetcherFactory();
    private final ReceiverPrefetchBudget budget;
    private final String streamName;

    BudgetedRecordsFetcherFactory(ReceiverPrefetchBudget budget, String streamName) {
        this.budget = budget;
        this.streamName = streamName;
    }

    @Override
    public RecordsPublisher createRecordsFetcher(GetRecordsRetrievalStrategy strategy, String shardId,
            MetricsFactory metricsFactory, int maxRecords, SleepTimeController sleepTimeController) {
        ReceiverPrefetchBudget.Shard shard = budget.shard(shardId);
        RecordsPublisher publisher = kcl.createRecordsFetcher(budgeted(strategy, shard, shardId), shardId,
                metricsFactory, maxRecords, sleepTimeController);
        return new BudgetedRecordsPublisher(publisher, shard);
    }

    @Override
    public RecordsPublisher createRecordsFetcher(GetRecordsRetrievalStrategy strategy, String shardId,
            MetricsFactory metricsFactory, int maxRecords) {
        ReceiverPrefetchBudget.Shard shard = budget.shard(shardId);
        RecordsPublisher publisher = kcl.createRecordsFetcher(budgeted(strategy, shard, shardId), shardId,
                metricsFactory, maxRecords);
        return new BudgetedRecordsPublisher(publisher, shard);
    }

    private BudgetedRetrievalStrategy budgeted(GetRecordsRetrievalStrategy strategy,
            ReceiverPrefetchBudget.Shard shard, String shardId) {
        return new BudgetedRetrievalStrategy(strategy, shard,
                ShardCallPacers.jvmWide().getRecords(streamName, shardId));
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
