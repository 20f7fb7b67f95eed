package io.github.sparkkinesis.sql.internal.read;

import io.github.sparkkinesis.sql.internal.fetch.BlockRef;
import io.github.sparkkinesis.sql.internal.fetch.FetchedBlocks;
import io.github.sparkkinesis.sql.internal.fetch.FetchedPage;
import io.github.sparkkinesis.sql.internal.fetch.SharedKinesisClients;
import io.github.sparkkinesis.sql.internal.offsets.ShardPosition;
import java.util.Collections;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRangeReadException;
import org.apache.spark.streaming.kinesis.internal.read.ShardPage;
import org.apache.spark.streaming.kinesis.internal.read.ShardPageReader;
import org.apache.spark.streaming.kinesis.internal.read.StartingPoint;
import org.apache.spark.unsafe.types.UTF8String;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Reads one shard's part of a micro-batch: from the fetched blocks while they are in Spark's block manager, and
 * from Kinesis, by exact position, from where they are missing (an executor was lost, or the batch is run again
 * after the driver restarted). Either way the rows are the records after the partition's start through its end,
 * the same ones however often the batch runs.
 */
final class KinesisPartitionReader implements PartitionReader<InternalRow> {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisPartitionReader.class);
    /** Empty pages at the shard's tip before the range's last record is declared missing. */
    private static final int MAX_EMPTY_READS_AT_TIP = 3;

    private final KinesisInputPartition partition;
    private final ReadSettings settings;
    private final UTF8String stream;
    private final UTF8String shardId;
    private final Iterator<BlockRef> blocks;
    private FetchedPage page;
    private int pageIndex;
    private ShardPageReader kinesis;
    private Iterator<KinesisClientRecord> kinesisRecords = Collections.emptyIterator();
    private int emptyReadsAtTip;
    private RecordPosition lastEmitted;
    private boolean reachedEnd;
    private InternalRow current;

    KinesisPartitionReader(KinesisInputPartition partition, ReadSettings settings) {
        this.partition = partition;
        this.settings = settings;
        this.stream = UTF8String.fromString(partition.stream());
        this.shardId = UTF8String.fromString(partition.shardId());
        this.blocks = partition.blocks().iterator();
        if (partition.blocks().isEmpty()) {
            startKinesis();
        }
    }

    @Override
    public boolean next() {
        while (!reachedEnd) {
            if (page != null && pageIndex < page.size()) {
                emitFromPage();
                return true;
            }
            if (kinesis != null) {
                return nextFromKinesis();
            }
            if (!blocks.hasNext()) {
                // Every block read: the range ends with the last one.
                reachedEnd = true;
                return false;
            }
            if (page != null && page.size() > 0) {
                // Once per block rather than per row: where a read from Kinesis would go on from.
                lastEmitted = page.position(page.size() - 1);
            }
            BlockRef block = blocks.next();
            page = FetchedBlocks.get(block);
            pageIndex = 0;
            if (page == null) {
                LOG.info("Block {} of shard {} of stream {} is gone; reading the rest of the batch's range from "
                        + "Kinesis", block.blockId(), partition.shardId(), partition.stream());
                startKinesis();
            }
        }
        return false;
    }

    @Override
    public InternalRow get() {
        return current;
    }

    @Override
    public void close() {
        // The Kinesis client is shared by the executor's tasks (SharedKinesisClients) and outlives this reader.
    }

    private void emitFromPage() {
        int i = pageIndex++;
        current = new GenericInternalRow(new Object[] {page.partitionKey(i), page.data(i), stream, shardId,
            page.sequenceNumber(i), page.arrivalMillis(i) * 1000});
    }

    /** Reads on from Kinesis, from right after the last record emitted (or the partition's start). */
    private void startKinesis() {
        page = null;
        StartingPoint from = lastEmitted == null ? partition.start().next() : StartingPoint.after(lastEmitted);
        kinesis = ShardPageReader.open(SharedKinesisClients.forConnection(settings.connection()),
                settings.retrySettings(), partition.stream(), partition.shardId(), HashKeyRange.builder()
                        .startingHashKey(partition.startingHashKey()).endingHashKey(partition.endingHashKey())
                        .build(), from);
    }

    private boolean nextFromKinesis() {
        while (!kinesisRecords.hasNext()) {
            if (kinesis.ended()) {
                if (!partition.end().isEnded()) {
                    throw missing("the shard ended before the batch's last record " + partition.end());
                }
                reachedEnd = true;
                return false;
            }
            ShardPage fetched = kinesis.next(settings.maxRecordsPerCall());
            if (fetched.startMissing()) {
                dataLost(fetched);
            }
            if (fetched.records().isEmpty()) {
                if (fetched.atTip() && !partition.end().isEnded() && ++emptyReadsAtTip >= MAX_EMPTY_READS_AT_TIP) {
                    throw missing("the shard has no record " + partition.end());
                }
                continue;
            }
            emptyReadsAtTip = 0;
            kinesisRecords = fetched.records().iterator();
        }
        KinesisClientRecord record = kinesisRecords.next();
        RecordPosition position = RecordPosition.of(record);
        RecordPosition last = partition.end().isEnded() ? null : partition.end().lastRead();
        if (last != null && position.isAfter(last)) {
            throw missing("its last record " + last + " is not in the shard (the next one is " + position + ")");
        }
        lastEmitted = position;
        byte[] data = new byte[record.data().remaining()];
        record.data().duplicate().get(data);
        long arrivalMillis = record.approximateArrivalTimestamp() == null
                ? 0 : record.approximateArrivalTimestamp().toEpochMilli();
        current = new GenericInternalRow(new Object[] {UTF8String.fromString(record.partitionKey()), data, stream,
            shardId, UTF8String.fromString(record.sequenceNumber()), arrivalMillis * 1000});
        if (position.equals(last)) {
            reachedEnd = true;
        }
        return true;
    }

    private void dataLost(ShardPage fetched) {
        String message = "Records of shard " + partition.shardId() + " of stream " + partition.stream() + " after "
                + (lastEmitted == null ? partition.start() : lastEmitted) + " expired (trimmed after the stream's "
                + "retention period) before this batch could read them again; the shard now starts at "
                + fetched.firstSequenceNumber();
        if (settings.failOnDataLoss()) {
            throw new KinesisRangeReadException(message + ". Set the option failOnDataLoss=false to skip them");
        }
        LOG.warn("{}; skipping them because failOnDataLoss=false", message);
    }

    private KinesisRangeReadException missing(String reason) {
        return new KinesisRangeReadException("Cannot read the records of shard " + partition.shardId()
                + " of stream " + partition.stream() + " after " + partition.start() + " through "
                + partition.end() + " again: " + reason);
    }

}
