package org.apache.spark.streaming.kinesis.internal.recovery;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Reads the user records of given ranges of one shard from Kinesis again, exactly as the receiver saw them.
 *
 * <p>One shard iterator is requested for the whole pass (at the first range's first sequence number) and then the
 * iterator chain is followed, so a recovery costs one {@code GetShardIterator} per shard rather than one per call
 * (Spark's connector asks for a new iterator per {@code GetRecords}, and throttles itself to failure). KPL
 * aggregates are de-aggregated with the KCL's own code and the shard's hash key range, as the receiver's KCL did,
 * and each sub-record is kept or dropped by its exact (sequence, sub-sequence) position, so an aggregate split
 * across two blocks yields each sub-record in exactly one of them.
 *
 * <p>Every range must come back complete: a missing first record (trimmed past the retention period), an early
 * end of the shard, or a record count that differs from the block's fails with a message naming stream, shard and
 * range.
 */
final class KinesisRangeReader {

    private static final int MAX_RECORDS_PER_CALL = 10_000;
    /** Calls that return nothing while at the tip of the shard before the range is declared missing. */
    private static final int MAX_EMPTY_READS_AT_TIP = 3;
    private static final long PAUSE_AT_TIP_MILLIS = 200;

    private final KinesisClient kinesis;
    private final RetryingKinesisCall retries;
    private final AggregatorUtil aggregation = new AggregatorUtil();
    private final Map<String, Shard> shardsById = new HashMap<>();

    KinesisRangeReader(KinesisClient kinesis, RetryingKinesisCall retries) {
        this.kinesis = kinesis;
        this.retries = retries;
    }

    /**
     * The user records of {@code ranges}, in order.
     *
     * @param ranges ranges of one shard, sorted and not overlapping
     */
    List<KinesisClientRecord> read(List<SequenceNumberRange> ranges) {
        SequenceNumberRange firstRange = ranges.get(0);
        String stream = firstRange.streamName();
        String shardId = firstRange.shardId();
        Shard shard = shard(stream, shardId);
        BigInteger startingHashKey = new BigInteger(shard.hashKeyRange().startingHashKey());
        BigInteger endingHashKey = new BigInteger(shard.hashKeyRange().endingHashKey());

        List<KinesisClientRecord> result = new ArrayList<>();
        int[] counts = new int[ranges.size()];
        int rangeIndex = 0;
        String lastSequenceNumber = null;
        String iterator = iterator(stream, shardId, ShardIteratorType.AT_SEQUENCE_NUMBER,
                firstRange.first().sequenceNumber(), firstRange);
        int emptyAtTip = 0;
        while (rangeIndex < ranges.size()) {
            GetRecordsResponse response;
            try {
                String current = iterator;
                response = retries.call("read " + describe(firstRange),
                        () -> kinesis.getRecords(b -> b.shardIterator(current).limit(MAX_RECORDS_PER_CALL)));
            } catch (KinesisRangeReadException e) {
                if (!(e.getCause() instanceof ExpiredIteratorException)) {
                    throw e;
                }
                iterator = lastSequenceNumber == null
                        ? iterator(stream, shardId, ShardIteratorType.AT_SEQUENCE_NUMBER,
                                firstRange.first().sequenceNumber(), firstRange)
                        : iterator(stream, shardId, ShardIteratorType.AFTER_SEQUENCE_NUMBER, lastSequenceNumber,
                                firstRange);
                continue;
            }
            List<Record> records = response.records();
            if (records.isEmpty()) {
                if (response.millisBehindLatest() != null && response.millisBehindLatest() == 0) {
                    if (++emptyAtTip >= MAX_EMPTY_READS_AT_TIP) {
                        throw missing(ranges.get(rangeIndex), "the shard has no record at or after "
                                + (lastSequenceNumber == null ? firstRange.first().sequenceNumber()
                                        : lastSequenceNumber));
                    }
                    pause();
                }
            } else {
                emptyAtTip = 0;
                if (lastSequenceNumber == null
                        && !records.get(0).sequenceNumber().equals(firstRange.first().sequenceNumber())) {
                    throw missing(firstRange, "its first record is no longer in the stream (the next one is "
                            + records.get(0).sequenceNumber() + "); it was probably trimmed after the stream's "
                            + "retention period");
                }
                lastSequenceNumber = records.get(records.size() - 1).sequenceNumber();
                for (KinesisClientRecord record : aggregation.deaggregate(
                        records.stream().map(KinesisClientRecord::fromRecord).toList(),
                        startingHashKey, endingHashKey)) {
                    RecordPosition position = RecordPosition.of(record);
                    while (rangeIndex < ranges.size() && position.isAfter(ranges.get(rangeIndex).last())) {
                        rangeIndex++;
                    }
                    if (rangeIndex == ranges.size()) {
                        break;
                    }
                    SequenceNumberRange range = ranges.get(rangeIndex);
                    if (!range.first().isAfter(position)) {
                        result.add(record);
                        counts[rangeIndex]++;
                    }
                    if (position.equals(range.last())) {
                        rangeIndex++;
                    }
                }
            }
            if (rangeIndex < ranges.size()) {
                iterator = response.nextShardIterator();
                if (iterator == null) {
                    throw missing(ranges.get(rangeIndex), "the shard ended (it was closed by resharding) before "
                            + "the range's last record");
                }
            }
        }
        for (int i = 0; i < ranges.size(); i++) {
            if (counts[i] != ranges.get(i).recordCount()) {
                throw missing(ranges.get(i), "read " + counts[i] + " of its " + ranges.get(i).recordCount()
                        + " records");
            }
        }
        return result;
    }

    private String iterator(String stream, String shardId, ShardIteratorType type, String sequenceNumber,
            SequenceNumberRange range) {
        return retries.call("get a shard iterator for " + describe(range), () -> kinesis.getShardIterator(b -> b
                .streamName(stream).shardId(shardId).shardIteratorType(type).startingSequenceNumber(sequenceNumber))
                .shardIterator());
    }

    private Shard shard(String stream, String shardId) {
        if (shardsById.isEmpty()) {
            String next = null;
            do {
                String token = next;
                ListShardsResponse page = retries.call("list the shards of stream " + stream,
                        () -> kinesis.listShards(b -> {
                            if (token == null) {
                                b.streamName(stream);
                            } else {
                                b.nextToken(token);
                            }
                        }));
                page.shards().forEach(shard -> shardsById.put(shard.shardId(), shard));
                next = page.nextToken();
            } while (next != null);
        }
        Shard shard = shardsById.get(shardId);
        if (shard == null) {
            throw new KinesisRangeReadException("Cannot re-read records of shard " + shardId + " of stream " + stream
                    + ": the shard no longer exists (expired after the stream's retention period?)");
        }
        return shard;
    }

    private static KinesisRangeReadException missing(SequenceNumberRange range, String reason) {
        return new KinesisRangeReadException("Cannot re-read " + describe(range) + " from Kinesis: " + reason);
    }

    private static String describe(SequenceNumberRange range) {
        return "records " + range.first() + " .. " + range.last() + " (" + range.recordCount() + " records) of "
                + "shard " + range.shardId() + " of stream " + range.streamName();
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE_AT_TIP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KinesisRangeReadException("Interrupted while re-reading records", e);
        }
    }
}
