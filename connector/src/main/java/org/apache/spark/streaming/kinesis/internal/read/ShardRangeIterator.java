package org.apache.spark.streaming.kinesis.internal.read;

import static org.apache.spark.streaming.kinesis.internal.read.KinesisRangeReadException.missing;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The user records of increasing ranges of one shard, read lazily in one pass along one shard iterator chain: a
 * {@code GetRecords} page is fetched only when the records before it have been consumed, so at most one page is
 * held. Each call asks for no more Kinesis records than user records the ranges still need (an aggregate carries
 * at least one); {@link ShardPageReader} paces, retries and de-aggregates.
 *
 * <p>KPL aggregates are de-aggregated with the KCL's code and the shard's hash key range, as the receiver's KCL
 * did, and each user record is kept or dropped by its exact (sequence, sub-sequence) position, so an aggregate
 * split across two blocks yields each user record in exactly one of them.
 *
 * <p>Every range must come back complete. A trimmed first record, an early end of the shard, or a count that
 * differs from the range's fails with a {@link KinesisRangeReadException} when the iterator gets to the point where
 * it knows: the first page, the page after the shard's last, the range's last record.
 */
final class ShardRangeIterator implements Iterator<KinesisClientRecord> {

    /** Calls that return nothing while at the tip of the shard before the range is declared missing. */
    static final int MAX_EMPTY_READS_AT_TIP = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ShardRangeIterator.class);
    private static final KinesisClientRecord[] NO_RECORDS = new KinesisClientRecord[0];

    private final ShardPageReader pages;
    private final List<SequenceNumberRange> ranges;
    private final int maxRecordsPerCall;

    private int rangeIndex;
    private int readInRange;
    private long stillExpected;
    private boolean firstPageSeen;
    private int emptyReadsAtTip;
    private KinesisClientRecord[] page = NO_RECORDS;
    private int pagePosition;
    private KinesisClientRecord next;

    /**
     * @param pages  a reader of the ranges' shard starting at the first range's first sequence number
     * @param ranges ranges of one shard, each after the previous one
     */
    ShardRangeIterator(ShardPageReader pages, List<SequenceNumberRange> ranges, int maxRecordsPerCall) {
        this.pages = pages;
        this.ranges = List.copyOf(ranges);
        this.maxRecordsPerCall = maxRecordsPerCall;
        this.stillExpected = ranges.stream().mapToLong(SequenceNumberRange::recordCount).sum();
    }

    @Override
    public boolean hasNext() {
        while (next == null && rangeIndex < ranges.size()) {
            if (pagePosition < page.length) {
                KinesisClientRecord record = page[pagePosition];
                // Let consumed records go as the consumer moves on, not when the page is done.
                page[pagePosition++] = null;
                take(record);
            } else {
                fetchPage();
            }
        }
        return next != null;
    }

    @Override
    public KinesisClientRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        KinesisClientRecord record = next;
        next = null;
        return record;
    }

    private void take(KinesisClientRecord record) {
        RecordPosition position = RecordPosition.of(record);
        while (rangeIndex < ranges.size() && position.isAfter(ranges.get(rangeIndex).last())) {
            finishRange();
        }
        if (rangeIndex == ranges.size()) {
            return;
        }
        SequenceNumberRange range = ranges.get(rangeIndex);
        if (!range.first().isAfter(position)) {
            next = record;
            readInRange++;
            stillExpected--;
        }
        if (position.equals(range.last())) {
            finishRange();
        }
    }

    private void finishRange() {
        SequenceNumberRange range = ranges.get(rangeIndex);
        if (readInRange != range.recordCount()) {
            throw missing(range, "read " + readInRange + " of its " + range.recordCount() + " records");
        }
        rangeIndex++;
        readInRange = 0;
        if (rangeIndex == ranges.size()) {
            page = NO_RECORDS;
            pagePosition = 0;
            LOG.info("Re-read {} records of shard {} of stream {} from Kinesis in {} GetRecords calls",
                    ranges.stream().mapToLong(SequenceNumberRange::recordCount).sum(), range.shardId(),
                    range.streamName(), pages.getRecordsCalls());
        }
    }

    private void fetchPage() {
        SequenceNumberRange range = ranges.get(rangeIndex);
        if (pages.ended()) {
            throw missing(range, "the shard ended (it was closed by resharding) before the range's last record");
        }
        ShardPage fetched = pages.next((int) Math.max(1, Math.min(maxRecordsPerCall, stillExpected)));
        if (fetched.records().isEmpty()) {
            if (fetched.atTip() && ++emptyReadsAtTip >= MAX_EMPTY_READS_AT_TIP) {
                throw missing(range, "the shard has no record at or after " + (pages.lastSequenceNumber() == null
                        ? ranges.get(0).first().sequenceNumber() : pages.lastSequenceNumber()));
            }
            return;
        }
        emptyReadsAtTip = 0;
        if (!firstPageSeen && fetched.startMissing()) {
            throw missing(ranges.get(0), "its first record is no longer in the stream (the next one is "
                    + fetched.firstSequenceNumber() + "); it was probably trimmed after the stream's retention "
                    + "period");
        }
        firstPageSeen = true;
        page = fetched.records().toArray(NO_RECORDS);
        pagePosition = 0;
    }
}
