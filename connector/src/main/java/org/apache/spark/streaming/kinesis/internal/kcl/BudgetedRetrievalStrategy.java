package org.apache.spark.streaming.kinesis.internal.kcl;

import java.util.List;
import java.util.Optional;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRangeReadException;
import org.apache.spark.streaming.kinesis.internal.read.ShardCallPacer;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.kinesis.retrieval.GetRecordsResponseAdapter;
import software.amazon.kinesis.retrieval.GetRecordsRetrievalStrategy;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.RetryableRetrievalException;
import software.amazon.kinesis.retrieval.polling.DataFetcher;
import software.amazon.kinesis.retrieval.polling.KinesisDataFetcher;

/**
 * One shard's GetRecords calls, each made only once the receiver's {@link ReceiverPrefetchBudget} has room for its
 * answer and, once Kinesis has throttled the shard, once the shard's share of Kinesis's read limits allows it (5 calls
 * and 2 MiB per second: a {@link ShardCallPacer}). It runs on the shard's prefetch thread, so waiting here is the KCL's
 * read-ahead pausing for that shard alone.
 *
 * <p>Without the byte pacing, a shard that is behind asks again 200 ms after a 10 MiB answer, and Kinesis throttles
 * it for the next five seconds: the SDK retries and the KCL backs off (at 64 shards of 1 KiB records, 75 throttled
 * calls in 30 s). The pacing starts with the shard's first throttled call rather than at once, so that a server
 * without Kinesis's limits (a test server, a benchmark's) is read as fast as it answers.
 */
final class BudgetedRetrievalStrategy implements GetRecordsRetrievalStrategy {

    private final GetRecordsRetrievalStrategy kcl;
    private final ReceiverPrefetchBudget.Shard shard;
    private final ShardCallPacer pacer;
    /** Whether Kinesis has throttled this shard's reads: from then on they keep to its byte rate. */
    private volatile boolean limitsEnforced;

    BudgetedRetrievalStrategy(GetRecordsRetrievalStrategy kcl, ReceiverPrefetchBudget.Shard shard,
            ShardCallPacer pacer) {
        this.kcl = kcl;
        this.shard = shard;
        this.pacer = pacer;
    }

    @Override
    public GetRecordsResponseAdapter getRecordsAdapter(int maxRecords) {
        if (limitsEnforced) {
            awaitTurn();
        }
        long reserved = reserve();
        boolean settled = false;
        try {
            GetRecordsResponseAdapter answer = new ConvertedOnceAnswer(fetch(maxRecords));
            if (limitsEnforced) {
                pacer.recordRead(kinesisBytes(answer.records()));
            }
            shard.settle(reserved, ReceiverPrefetchBudget.bytes(answer.records()), answer.records().size());
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

    private GetRecordsResponseAdapter fetch(int maxRecords) {
        try {
            return kcl.getRecordsAdapter(maxRecords);
        } catch (ProvisionedThroughputExceededException e) {
            limitsEnforced = true;
            throw e;
        }
    }

    /** Whether this shard's reads keep to Kinesis's byte rate (since its first throttled call). */
    boolean limitsEnforced() {
        return limitsEnforced;
    }

    private void awaitTurn() {
        try {
            pacer.awaitTurn();
        } catch (KinesisRangeReadException e) {
            // Interrupted while waiting (the flag is kept): as for the budget, the prefetcher tries again and sees
            // its shutdown.
            throw new RetryableRetrievalException("Interrupted while waiting for the shard's read limits", e);
        }
    }

    /** What Kinesis counts against a shard's 2 MiB/s: the records' data and partition keys. */
    static long kinesisBytes(List<KinesisClientRecord> records) {
        long bytes = 0;
        for (KinesisClientRecord record : records) {
            bytes += (record.data() == null ? 0 : record.data().limit())
                    + (record.partitionKey() == null ? 0 : record.partitionKey().length());
        }
        return bytes;
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
