package org.apache.spark.streaming.kinesis.internal.read;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * A Kinesis client over one in-memory shard of records with sequence numbers 1000, 1001, ... Pages hold at most
 * {@code pageSize} records whatever the limit (as Kinesis caps a page at 10 MiB), every call is recorded, and
 * errors can be queued for the next calls.
 */
final class FakeShard implements KinesisClient {

    static final String STREAM = "fake-stream";
    static final String SHARD = "shardId-000000000000";
    private static final long FIRST_SEQUENCE_NUMBER = 1000;

    private final List<Record> records = new ArrayList<>();
    private final int pageSize;
    /** Records before this index have been trimmed (expired after the retention period). */
    private int trimmed;
    private boolean closed;
    private final List<Integer> getRecordsLimits = new ArrayList<>();
    private final List<ShardIteratorType> iteratorTypes = new ArrayList<>();
    private final Deque<Supplier<RuntimeException>> getRecordsFaults = new ArrayDeque<>();

    FakeShard(int pageSize) {
        this.pageSize = pageSize;
    }

    /** Appends a record with the given payload; returns its sequence number. */
    String add(byte[] data) {
        String sequenceNumber = Long.toString(FIRST_SEQUENCE_NUMBER + records.size());
        records.add(Record.builder().sequenceNumber(sequenceNumber).partitionKey("k")
                .data(SdkBytes.fromByteArray(data)).build());
        return sequenceNumber;
    }

    /** Appends {@code count} records "text-0", "text-1", ... */
    FakeShard addTexts(String text, int count) {
        for (int i = 0; i < count; i++) {
            add((text + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    static String sequenceNumber(int index) {
        return Long.toString(FIRST_SEQUENCE_NUMBER + index);
    }

    /** The first {@code count} records expire: iterators at or before them start at the first one left. */
    FakeShard trim(int count) {
        this.trimmed = count;
        return this;
    }

    /** The shard was closed by resharding: the iterator chain ends after its last record. */
    FakeShard close(boolean shardClosed) {
        this.closed = shardClosed;
        return this;
    }

    /** The next GetRecords calls fail with these errors, one each. */
    FakeShard failGetRecords(Supplier<RuntimeException> fault) {
        getRecordsFaults.add(fault);
        return this;
    }

    List<Integer> getRecordsLimits() {
        return List.copyOf(getRecordsLimits);
    }

    List<ShardIteratorType> iteratorTypes() {
        return List.copyOf(iteratorTypes);
    }

    @Override
    public ListShardsResponse listShards(ListShardsRequest request) {
        return ListShardsResponse.builder().shards(Shard.builder().shardId(SHARD).hashKeyRange(HashKeyRange.builder()
                .startingHashKey("0").endingHashKey("340282366920938463463374607431768211455").build()).build())
                .build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        iteratorTypes.add(request.shardIteratorType());
        int position = trimmed;
        if (request.shardIteratorType() != ShardIteratorType.TRIM_HORIZON) {
            long wanted = Long.parseLong(request.startingSequenceNumber());
            while (position < records.size() && (Long.parseLong(records.get(position).sequenceNumber()) < wanted
                    || request.shardIteratorType() == ShardIteratorType.AFTER_SEQUENCE_NUMBER
                            && Long.parseLong(records.get(position).sequenceNumber()) == wanted)) {
                position++;
            }
        }
        return GetShardIteratorResponse.builder().shardIterator(Integer.toString(position)).build();
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        getRecordsLimits.add(request.limit());
        if (!getRecordsFaults.isEmpty()) {
            throw getRecordsFaults.poll().get();
        }
        int from = Integer.parseInt(request.shardIterator());
        int to = Math.min(records.size(), from + Math.min(pageSize, request.limit()));
        boolean atEnd = to == records.size();
        return GetRecordsResponse.builder().records(records.subList(from, to))
                .nextShardIterator(atEnd && closed ? null : Integer.toString(to))
                .millisBehindLatest(atEnd ? 0L : 1000L).build();
    }

    @Override
    public String serviceName() {
        return "kinesis";
    }

    @Override
    public void close() {
    }
}
