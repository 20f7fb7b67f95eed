package org.apache.spark.streaming.kinesis.internal.recovery;

import static org.apache.spark.streaming.kinesis.internal.recovery.KinesisRangeReadException.describe;
import static org.apache.spark.streaming.kinesis.internal.recovery.KinesisRangeReadException.missing;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The user records of increasing ranges of one shard, read lazily in one pass along one shard iterator chain: a
 * {@code GetRecords} page is fetched only when the records before it have been consumed, so at most one page is
 * held. Each call asks for no more Kinesis records than user records the ranges still need (an aggregate carries
 * at least one), is paced by the shard's pacers and retried by {@link RetryingKinesisCall}.
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

    private final KinesisClient kinesis;
    private final RetryingKinesisCall retries;
    private final ShardCallPacer getRecordsPacer;
    private final ShardCallPacer getShardIteratorPacer;
    private final AggregatorUtil aggregation;
    private final BigInteger startingHashKey;
    private final BigInteger endingHashKey;
    private final List<SequenceNumberRange> ranges;
    private final int maxRecordsPerCall;

    private int rangeIndex;
    private int readInRange;
    private long stillExpected;
    private boolean started;
    private String shardIterator;
    private String lastSequenceNumber;
    private boolean iteratorRefreshed;
    private int emptyReadsAtTip;
    private KinesisClientRecord[] page = NO_RECORDS;
    private int pagePosition;
    private KinesisClientRecord next;
    private int getRecordsCalls;

    /**
     * @param ranges ranges of one shard, each after the previous one
     * @param hashKeyRange the shard's hash key range
     */
    ShardRangeIterator(KinesisClient kinesis, RetryingKinesisCall retries, ShardCallPacers pacers,
            AggregatorUtil aggregation, HashKeyRange hashKeyRange, List<SequenceNumberRange> ranges,
            int maxRecordsPerCall) {
        this.kinesis = kinesis;
        this.retries = retries;
        SequenceNumberRange first = ranges.get(0);
        this.getRecordsPacer = pacers.getRecords(first.streamName(), first.shardId());
        this.getShardIteratorPacer = pacers.getShardIterator(first.streamName(), first.shardId());
        this.aggregation = aggregation;
        this.startingHashKey = new BigInteger(hashKeyRange.startingHashKey());
        this.endingHashKey = new BigInteger(hashKeyRange.endingHashKey());
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
            shardIterator = null;
            LOG.info("Re-read {} records of shard {} of stream {} from Kinesis in {} GetRecords calls",
                    ranges.stream().mapToLong(SequenceNumberRange::recordCount).sum(), range.shardId(),
                    range.streamName(), getRecordsCalls);
        }
    }

    private void fetchPage() {
        SequenceNumberRange range = ranges.get(rangeIndex);
        if (!started) {
            shardIterator = shardIterator(ShardIteratorType.AT_SEQUENCE_NUMBER, ranges.get(0).first().sequenceNumber());
            started = true;
        } else if (shardIterator == null) {
            throw missing(range, "the shard ended (it was closed by resharding) before the range's last record");
        }
        GetRecordsRequest request = GetRecordsRequest.builder().shardIterator(shardIterator)
                .limit((int) Math.max(1, Math.min(maxRecordsPerCall, stillExpected))).build();
        GetRecordsResponse response;
        try {
            response = retries.call("read " + describe(range), () -> {
                getRecordsPacer.awaitTurn();
                return kinesis.getRecords(request);
            });
        } catch (KinesisRangeReadException e) {
            // An iterator expires 5 minutes after it was handed out, which a slow consumer of a lazy pass can
            // reach; one fresh iterator from where the pass stands is enough, a second expiry in a row is not.
            if (!(e.getCause() instanceof ExpiredIteratorException) || iteratorRefreshed) {
                throw e;
            }
            iteratorRefreshed = true;
            shardIterator = lastSequenceNumber == null
                    ? shardIterator(ShardIteratorType.AT_SEQUENCE_NUMBER, ranges.get(0).first().sequenceNumber())
                    : shardIterator(ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastSequenceNumber);
            return;
        }
        iteratorRefreshed = false;
        getRecordsCalls++;
        shardIterator = response.nextShardIterator();
        List<Record> records = response.records();
        getRecordsPacer.recordRead(bytes(records));
        if (records.isEmpty()) {
            Long behind = response.millisBehindLatest();
            if (behind != null && behind == 0 && ++emptyReadsAtTip >= MAX_EMPTY_READS_AT_TIP) {
                throw missing(range, "the shard has no record at or after "
                        + (lastSequenceNumber == null ? ranges.get(0).first().sequenceNumber() : lastSequenceNumber));
            }
            return;
        }
        emptyReadsAtTip = 0;
        if (lastSequenceNumber == null
                && !records.get(0).sequenceNumber().equals(ranges.get(0).first().sequenceNumber())) {
            throw missing(ranges.get(0), "its first record is no longer in the stream (the next one is "
                    + records.get(0).sequenceNumber() + "); it was probably trimmed after the stream's "
                    + "retention period");
        }
        lastSequenceNumber = records.get(records.size() - 1).sequenceNumber();
        page = aggregation.deaggregate(records.stream().map(KinesisClientRecord::fromRecord).toList(),
                startingHashKey, endingHashKey).toArray(NO_RECORDS);
        pagePosition = 0;
    }

    private String shardIterator(ShardIteratorType type, String sequenceNumber) {
        SequenceNumberRange range = ranges.get(rangeIndex);
        GetShardIteratorRequest request = GetShardIteratorRequest.builder().streamName(range.streamName())
                .shardId(range.shardId()).shardIteratorType(type).startingSequenceNumber(sequenceNumber).build();
        return retries.call("get a shard iterator for " + describe(range), () -> {
            getShardIteratorPacer.awaitTurn();
            return kinesis.getShardIterator(request).shardIterator();
        });
    }

    private static long bytes(List<Record> records) {
        long bytes = 0;
        for (Record record : records) {
            bytes += record.data().asByteArrayUnsafe().length;
            bytes += record.partitionKey() == null ? 0 : record.partitionKey().length();
        }
        return bytes;
    }
}
