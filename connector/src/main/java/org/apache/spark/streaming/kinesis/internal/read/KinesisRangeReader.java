package org.apache.spark.streaming.kinesis.internal.read;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Reads the user records of exact ranges of shards from Kinesis again, lazily, exactly as the receiver saw them.
 * It knows nothing of Spark's RDDs or DStreams: anything that must read recorded [first, last] ranges of shards on
 * an executor can use it.
 *
 * <p>Consecutive ranges of one shard, each after the previous one, are read in one pass: one shard iterator
 * ({@code AT_SEQUENCE_NUMBER} the first record) whose chain is then followed, rather than Spark's connector's one
 * iterator per {@code GetRecords}. See {@link ShardRangeIterator} for how a pass reads, and {@link ShardCallPacers}
 * and {@link RetryingKinesisCall} for how it keeps to the shard's limits.
 *
 * <p>Not thread-safe: one reader per task.
 */
public final class KinesisRangeReader {

    /** Kinesis's largest {@code GetRecords} limit. */
    public static final int MAX_RECORDS_PER_CALL = 10_000;

    private final KinesisClient kinesis;
    private final RetryingKinesisCall retries;
    private final ShardCallPacers pacers;
    private final int maxRecordsPerCall;
    private final AggregatorUtil aggregation = new AggregatorUtil();
    private final Map<String, HashKeyRange> hashKeyRanges = new HashMap<>();

    /** A reader that retries by {@code retrySettings} and shares this JVM's per-shard pacers. */
    public KinesisRangeReader(KinesisClient kinesis, KinesisRetrySettings retrySettings) {
        this(kinesis, new RetryingKinesisCall(retrySettings), ShardCallPacers.jvmWide(), MAX_RECORDS_PER_CALL);
    }

    KinesisRangeReader(KinesisClient kinesis, RetryingKinesisCall retries, ShardCallPacers pacers,
            int maxRecordsPerCall) {
        if (maxRecordsPerCall < 1 || maxRecordsPerCall > MAX_RECORDS_PER_CALL) {
            throw new IllegalArgumentException("Records per call must be within 1.." + MAX_RECORDS_PER_CALL
                    + ", got " + maxRecordsPerCall);
        }
        this.kinesis = kinesis;
        this.retries = retries;
        this.pacers = pacers;
        this.maxRecordsPerCall = maxRecordsPerCall;
    }

    /**
     * The user records of {@code ranges}, in the ranges' order. Nothing is read until the iterator is asked for
     * records; a range that cannot be read completely fails it with a {@link KinesisRangeReadException}.
     */
    public Iterator<KinesisClientRecord> read(List<SequenceNumberRange> ranges) {
        return new Passes(passes(ranges).iterator());
    }

    /** Splits the ranges where the shard changes or a range does not follow the previous one. */
    private static List<List<SequenceNumberRange>> passes(List<SequenceNumberRange> ranges) {
        List<List<SequenceNumberRange>> passes = new ArrayList<>();
        List<SequenceNumberRange> pass = new ArrayList<>();
        for (SequenceNumberRange range : ranges) {
            if (!pass.isEmpty() && !follows(range, pass.get(pass.size() - 1))) {
                passes.add(pass);
                pass = new ArrayList<>();
            }
            pass.add(range);
        }
        if (!pass.isEmpty()) {
            passes.add(pass);
        }
        return Collections.unmodifiableList(passes);
    }

    private static boolean follows(SequenceNumberRange range, SequenceNumberRange previous) {
        return range.streamName().equals(previous.streamName()) && range.shardId().equals(previous.shardId())
                && range.first().isAfter(previous.last());
    }

    private ShardRangeIterator pass(List<SequenceNumberRange> ranges) {
        SequenceNumberRange first = ranges.get(0);
        ShardPageReader pages = new ShardPageReader(kinesis, retries, pacers, aggregation, first.streamName(),
                first.shardId(), hashKeyRange(first.streamName(), first.shardId()),
                StartingPoint.atSequenceNumber(first.first().sequenceNumber()),
                KinesisRangeReadException.describe(first));
        return new ShardRangeIterator(pages, ranges, maxRecordsPerCall);
    }

    /** The shard's starting and ending hash keys, which de-aggregation needs as the KCL used them. */
    private HashKeyRange hashKeyRange(String stream, String shardId) {
        if (!hashKeyRanges.containsKey(stream + '/' + shardId)) {
            for (Shard shard : StreamShards.list(kinesis, retries, stream)) {
                hashKeyRanges.put(stream + '/' + shard.shardId(), shard.hashKeyRange());
            }
        }
        HashKeyRange range = hashKeyRanges.get(stream + '/' + shardId);
        if (range == null) {
            throw new KinesisRangeReadException("Cannot re-read records of shard " + shardId + " of stream " + stream
                    + ": the shard no longer exists (expired after the stream's retention period?)");
        }
        return range;
    }

    /** The passes one after the other, each started only when the previous one is done. */
    private final class Passes implements Iterator<KinesisClientRecord> {
        private final Iterator<List<SequenceNumberRange>> remaining;
        private Iterator<KinesisClientRecord> current = Collections.emptyIterator();

        Passes(Iterator<List<SequenceNumberRange>> remaining) {
            this.remaining = remaining;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                if (!remaining.hasNext()) {
                    return false;
                }
                current = pass(remaining.next());
            }
            return true;
        }

        @Override
        public KinesisClientRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
