package io.github.sparkkinesis.localstack.fanout;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads a shard of the backing server (kinesis-mock, or any server with {@code GetRecords}) for a subscription.
 *
 * <p>A subscription must always be able to tell where it stands, as a sequence number the client can re-subscribe
 * after ({@code ContinuationSequenceNumber}), even before it delivered a record: a client that re-subscribes
 * after an idle subscription to a {@code LATEST} shard must not miss what arrived in between. So every starting
 * position is turned into "after record P": P is the last record before the position (found by reading the shard
 * from its start), or, when there is none, the shard's starting sequence number, which stands for "before every
 * record" and is read from {@code TRIM_HORIZON} when a client comes back with it.
 */
final class BackingShardReader {

    /** GetRecords returns at most this many records. */
    static final int MAX_RECORDS_PER_CALL = 10_000;
    /** Bounds the search for a starting point (10,000 pages of 10,000 records: far beyond a test's shard). */
    private static final int MAX_SCAN_PAGES = 10_000;

    private final KinesisClient backend;
    private final String streamName;
    private final String shardId;
    private final String beforeEveryRecord;

    private BackingShardReader(KinesisClient backend, String streamName, Shard shard) {
        this.backend = backend;
        this.streamName = streamName;
        this.shardId = shard.shardId();
        this.beforeEveryRecord = shard.sequenceNumberRange().startingSequenceNumber();
    }

    /** A reader of the shard; ResourceNotFoundException if the stream has no such shard. */
    static BackingShardReader of(KinesisClient backend, String streamName, String shardId) {
        ListShardsResponse page = backend.listShards(ListShardsRequest.builder().streamName(streamName).build());
        while (true) {
            for (Shard shard : page.shards()) {
                if (shard.shardId().equals(shardId)) {
                    return new BackingShardReader(backend, streamName, shard);
                }
            }
            if (page.nextToken() == null) {
                throw KinesisServiceError.resourceNotFound("Shard " + shardId + " in stream " + streamName
                        + " not found");
            }
            String token = page.nextToken();
            page = backend.listShards(ListShardsRequest.builder().nextToken(token).build());
        }
    }

    /** Where a subscription starts: an iterator of the backing server and the continuation before its records. */
    record Start(String iterator, String continuation) {
    }

    /** One {@code GetRecords} answer. */
    record Page(List<Record> records, String nextIterator, long millisBehindLatest, GetRecordsResponse response) {
        boolean shardEnded() {
            return nextIterator == null;
        }
    }

    Start afterSequenceNumber(String sequenceNumber) {
        if (sequenceNumber.equals(beforeEveryRecord)) {
            return trimHorizon();
        }
        return new Start(iterator(GetShardIteratorRequest.builder()
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                .startingSequenceNumber(sequenceNumber)), sequenceNumber);
    }

    Start atSequenceNumber(String sequenceNumber) {
        BigInteger at = new BigInteger(sequenceNumber);
        return afterLastRecordWhere(record -> new BigInteger(record.sequenceNumber()).compareTo(at) < 0);
    }

    Start trimHorizon() {
        return new Start(iterator(GetShardIteratorRequest.builder().shardIteratorType(ShardIteratorType.TRIM_HORIZON)),
                beforeEveryRecord);
    }

    Start latest() {
        return afterLastRecordWhere(record -> true);
    }

    Start atTimestamp(Instant timestamp) {
        return afterLastRecordWhere(record -> record.approximateArrivalTimestamp().isBefore(timestamp));
    }

    /** The next page along {@code iterator}: at most {@value #MAX_RECORDS_PER_CALL} records. */
    Page read(String iterator) {
        GetRecordsResponse response = backend.getRecords(b -> b.shardIterator(iterator).limit(MAX_RECORDS_PER_CALL));
        long behind = response.millisBehindLatest() == null ? 0 : response.millisBehindLatest();
        return new Page(response.records(), response.nextShardIterator(), behind, response);
    }

    /** After the last record of the leading run of records that match, or before every record if none does. */
    private Start afterLastRecordWhere(Predicate<Record> before) {
        String last = null;
        String iterator = iterator(GetShardIteratorRequest.builder().shardIteratorType(ShardIteratorType.TRIM_HORIZON));
        for (int pages = 0; pages < MAX_SCAN_PAGES && iterator != null; pages++) {
            Page page = read(iterator);
            for (Record record : page.records()) {
                if (!before.test(record)) {
                    return last == null ? trimHorizon() : afterSequenceNumber(last);
                }
                last = record.sequenceNumber();
            }
            if (page.records().isEmpty()) {
                break;
            }
            iterator = page.nextIterator();
        }
        return last == null ? trimHorizon() : afterSequenceNumber(last);
    }

    private String iterator(GetShardIteratorRequest.Builder request) {
        return backend.getShardIterator(request.streamName(streamName).shardId(shardId).build()).shardIterator();
    }
}
