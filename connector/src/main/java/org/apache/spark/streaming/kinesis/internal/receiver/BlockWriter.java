package org.apache.spark.streaming.kinesis.internal.receiver;

import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;
import org.apache.spark.streaming.kinesis.internal.kcl.ReceiverPrefetchBudget;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Turns one KCL batch of a shard into Spark blocks. Each block holds consecutive records of that shard and
 * carries their exact range (first and last sequence and sub-sequence number, record count) as metadata. Under a
 * rate limit, a batch is cut into blocks of what the rate allows per block interval, and each block waits for its
 * permits before it is stored.
 */
final class BlockWriter<T> {

    /** Without a rate limit a whole KCL batch (at most 10,000 Kinesis records) becomes one block. */
    static final int UNLIMITED_BLOCK_SIZE = Integer.MAX_VALUE;

    private final String streamName;
    private final BlockStore<T> store;
    private final ReceiverRateLimiter rateLimiter;
    private final long blockIntervalMillis;
    private final StoreGate gate;

    /**
     * @param gate the session's: checked before each block (a rate-limited batch can take long to store, and a
     *             stopping session must not wait for it; the rest is read again after the restart), and held
     *             while the block is stored
     */
    BlockWriter(String streamName, BlockStore<T> store, ReceiverRateLimiter rateLimiter, long blockIntervalMillis,
            StoreGate gate) {
        this.streamName = streamName;
        this.store = store;
        this.rateLimiter = rateLimiter;
        this.blockIntervalMillis = blockIntervalMillis;
        this.gate = gate;
    }

    /**
     * Stores {@code values} (converted from {@code records}, same order and size) as blocks of the shard tenure
     * {@code tenureId} and reports the position of the last record of each stored block to {@code onStored}.
     * {@code millisBehindLatest} is the shard's lag Kinesis reported with the records (null if it did not); each
     * block carries it. If a store throws, or the receiver session stops before all blocks are stored, an
     * exception propagates and nothing after the last reported position is stored by this call.
     */
    void write(String shardId, String tenureId, List<KinesisClientRecord> records, List<T> values,
            Long millisBehindLatest, Consumer<RecordPosition> onStored) {
        if (records.size() != values.size()) {
            throw new IllegalArgumentException(records.size() + " records but " + values.size() + " values");
        }
        int start = 0;
        while (start < records.size()) {
            if (gate.isClosed()) {
                throw notStored(shardId, records.size() - start);
            }
            int blockSize = rateLimiter.maxBlockSize(blockIntervalMillis, UNLIMITED_BLOCK_SIZE);
            int end = (int) Math.min(records.size(), (long) start + blockSize);
            rateLimiter.acquire(end - start);
            RecordPosition first = RecordPosition.of(records.get(start));
            RecordPosition last = RecordPosition.of(records.get(end - 1));
            SequenceNumberRange range = new SequenceNumberRange(streamName, shardId, first, last, end - start);
            List<T> block = values.subList(start, end);
            long sizeBytes = ReceiverPrefetchBudget.bytes(records.subList(start, end));
            if (!gate.storeIfOpen(() -> store.store(block.iterator(),
                    SequenceNumberRanges.stored(range, millisBehindLatest, tenureId), sizeBytes))) {
                throw notStored(shardId, records.size() - start);
            }
            onStored.accept(last);
            start = end;
        }
    }

    private static IllegalStateException notStored(String shardId, int records) {
        return new IllegalStateException("The receiver stopped with " + records + " records of shard " + shardId
                + " not stored");
    }
}
