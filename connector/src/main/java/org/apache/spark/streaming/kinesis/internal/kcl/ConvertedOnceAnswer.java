package org.apache.spark.streaming.kinesis.internal.kcl;

import java.util.List;
import software.amazon.awssdk.services.kinesis.model.ChildShard;
import software.amazon.kinesis.retrieval.GetRecordsResponseAdapter;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * A GetRecords answer whose records are converted to KCL records once: the KCL's own adapter converts the SDK's records
 * again on every call of {@link #records()}, and the receiver's prefetch budget counts them before the KCL takes them.
 * Both then see the same list, which the budget empties once the batch is stored (see {@link ReceiverPrefetchBudget}).
 */
final class ConvertedOnceAnswer implements GetRecordsResponseAdapter {

    private final GetRecordsResponseAdapter answer;
    private final List<KinesisClientRecord> records;

    ConvertedOnceAnswer(GetRecordsResponseAdapter answer) {
        this.answer = answer;
        this.records = answer.records();
    }

    @Override
    public List<KinesisClientRecord> records() {
        return records;
    }

    @Override
    public Long millisBehindLatest() {
        return answer.millisBehindLatest();
    }

    @Override
    public List<ChildShard> childShards() {
        return answer.childShards();
    }

    @Override
    public String nextShardIterator() {
        return answer.nextShardIterator();
    }

    @Override
    public String requestId() {
        return answer.requestId();
    }
}
