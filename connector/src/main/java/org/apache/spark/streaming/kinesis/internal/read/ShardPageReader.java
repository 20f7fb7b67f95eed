package org.apache.spark.streaming.kinesis.internal.read;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
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
 * Reads one shard a page at a time along one shard iterator chain, from a {@link StartingPoint}: the one place
 * that calls {@code GetShardIterator} and {@code GetRecords} for the re-reading of lost blocks and for the
 * Structured Streaming source. Every call is paced to the shard's limits ({@link ShardCallPacers}) and retried
 * ({@link RetryingKinesisCall}); an iterator that expires (5 minutes after it was handed out, which a slow consumer
 * can reach) is renewed once from where the pass stands. KPL aggregates are de-aggregated with the KCL's code and
 * the shard's hash key range, as the KCL does.
 *
 * <p>Not thread-safe: one reader per pass.
 */
public final class ShardPageReader implements ShardPageSource {

    private final KinesisClient kinesis;
    private final RetryingKinesisCall retries;
    private final ShardCallPacer getRecordsPacer;
    private final ShardCallPacer getShardIteratorPacer;
    private final AggregatorUtil aggregation;
    private final String stream;
    private final String shardId;
    private final BigInteger startingHashKey;
    private final BigInteger endingHashKey;
    private final StartingPoint start;
    /** What the pass reads, for error messages ("records ... of shard ... of stream ..."). */
    private final String what;

    private String shardIterator;
    private boolean started;
    private boolean ended;
    private boolean iteratorRefreshed;
    private String lastSequenceNumber;
    private int getRecordsCalls;

    ShardPageReader(KinesisClient kinesis, RetryingKinesisCall retries, ShardCallPacers pacers,
            AggregatorUtil aggregation, String stream, String shardId, HashKeyRange hashKeyRange,
            StartingPoint start, String what) {
        this.kinesis = kinesis;
        this.retries = retries;
        this.getRecordsPacer = pacers.getRecords(stream, shardId);
        this.getShardIteratorPacer = pacers.getShardIterator(stream, shardId);
        this.aggregation = aggregation;
        this.stream = stream;
        this.shardId = shardId;
        this.startingHashKey = new BigInteger(hashKeyRange.startingHashKey());
        this.endingHashKey = new BigInteger(hashKeyRange.endingHashKey());
        this.start = start;
        this.what = what;
    }

    /**
     * A reader of {@code shardId} from {@code start}, retrying by {@code retrySettings} and sharing this JVM's
     * per-shard pacers.
     */
    public static ShardPageReader open(KinesisClient kinesis, KinesisRetrySettings retrySettings, String stream,
            String shardId, HashKeyRange hashKeyRange, StartingPoint start) {
        return new ShardPageReader(kinesis, new RetryingKinesisCall(retrySettings), ShardCallPacers.jvmWide(),
                new AggregatorUtil(), stream, shardId, hashKeyRange, start,
                "shard " + shardId + " of stream " + stream + " " + start);
    }

    /**
     * The next page: the user records of at most {@code limit} Kinesis records (1 to 10,000), after the starting
     * point. Call only while {@link #ended()} is false.
     *
     * @throws KinesisRangeReadException if a call still fails after its retries
     */
    @Override
    public ShardPage next(int limit) {
        if (ended) {
            throw new IllegalStateException("Shard " + shardId + " of stream " + stream + " has ended");
        }
        if (!started) {
            shardIterator = iterator(start);
            started = true;
        }
        GetRecordsRequest request = GetRecordsRequest.builder().shardIterator(shardIterator)
                .limit(Math.max(1, Math.min(KinesisRangeReader.MAX_RECORDS_PER_CALL, limit))).build();
        GetRecordsResponse response;
        try {
            response = retries.call("read " + what, () -> {
                getRecordsPacer.awaitTurn();
                return kinesis.getRecords(request);
            });
        } catch (KinesisRangeReadException e) {
            if (!(e.getCause() instanceof ExpiredIteratorException) || iteratorRefreshed) {
                throw e;
            }
            iteratorRefreshed = true;
            shardIterator = lastSequenceNumber == null ? iterator(start) : iteratorAfter(lastSequenceNumber);
            return next(limit);
        }
        iteratorRefreshed = false;
        getRecordsCalls++;
        shardIterator = response.nextShardIterator();
        ended = shardIterator == null;
        List<Record> records = response.records();
        long bytes = bytes(records);
        getRecordsPacer.recordRead(bytes);
        if (records.isEmpty()) {
            return new ShardPage(List.of(), response.millisBehindLatest(), 0, 0, ended, false, null);
        }
        String first = records.get(0).sequenceNumber();
        boolean startMissing = lastSequenceNumber == null && start.sequenceNumber() != null
                && !first.equals(start.sequenceNumber());
        lastSequenceNumber = records.get(records.size() - 1).sequenceNumber();
        List<KinesisClientRecord> userRecords = aggregation.deaggregate(
                records.stream().map(KinesisClientRecord::fromRecord).toList(), startingHashKey, endingHashKey);
        return new ShardPage(afterStart(userRecords), response.millisBehindLatest(), bytes, records.size(), ended,
                startMissing, first);
    }

    @Override
    public boolean ended() {
        return ended;
    }

    @Override
    public int getRecordsCalls() {
        return getRecordsCalls;
    }

    /** The last Kinesis record read so far, or null. */
    public String lastSequenceNumber() {
        return lastSequenceNumber;
    }

    /** Drops the user records of an aggregate up to the starting position (after a position only). */
    private List<KinesisClientRecord> afterStart(List<KinesisClientRecord> userRecords) {
        if (start.kind() != StartingPoint.Kind.AFTER_POSITION) {
            return userRecords;
        }
        List<KinesisClientRecord> kept = new ArrayList<>(userRecords.size());
        for (KinesisClientRecord record : userRecords) {
            if (RecordPosition.of(record).isAfter(start.position())) {
                kept.add(record);
            }
        }
        return kept;
    }

    /** An iterator right after a Kinesis record this pass has read (all of it, if it was an aggregate). */
    private String iteratorAfter(String sequenceNumber) {
        return iterator(GetShardIteratorRequest.builder().streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(sequenceNumber)
                .build(), "after " + sequenceNumber);
    }

    private String iterator(StartingPoint from) {
        GetShardIteratorRequest.Builder request = GetShardIteratorRequest.builder().streamName(stream)
                .shardId(shardId);
        switch (from.kind()) {
            // After a user record: at its Kinesis record, whose earlier user records afterStart drops, because an
            // aggregate's remaining user records come after the position within the same Kinesis record.
            case AT_SEQUENCE_NUMBER, AFTER_POSITION -> request.shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                    .startingSequenceNumber(from.sequenceNumber());
            case TRIM_HORIZON -> request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            case LATEST -> request.shardIteratorType(ShardIteratorType.LATEST);
            case AT_TIMESTAMP -> request.shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                    .timestamp(from.timestamp());
            default -> throw new IllegalStateException(from.toString());
        }
        return iterator(request.build(), from.toString());
    }

    private String iterator(GetShardIteratorRequest request, String where) {
        return retries.call("get a shard iterator " + where + " for " + what, () -> {
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
