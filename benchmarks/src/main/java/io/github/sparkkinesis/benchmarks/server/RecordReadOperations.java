package io.github.sparkkinesis.benchmarks.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.io.IOException;

/**
 * GetShardIterator and GetRecords, the read path every consumer (the KCL with polling retrieval, the connector's
 * re-reads) depends on. GetRecords is the hot path: it reads the shard without locking and streams the records
 * straight into the response, with field names encoded once and sequence numbers formatted in a reused buffer.
 */
final class RecordReadOperations {

    static final int MAX_LIMIT = 10_000;
    /** Real Kinesis stops filling a GetRecords response at 10 MiB of record data. */
    static final long MAX_RESPONSE_DATA_BYTES = 10L * 1024 * 1024;
    /** Roughly what a record costs beyond its data in either encoding; only sizes the response buffer. */
    private static final int RECORD_OVERHEAD_BYTES = 160;

    private static final SerializableString SEQUENCE_NUMBER = new SerializedString("SequenceNumber");
    private static final SerializableString ARRIVAL = new SerializedString("ApproximateArrivalTimestamp");
    private static final SerializableString DATA = new SerializedString("Data");
    private static final SerializableString PARTITION_KEY = new SerializedString("PartitionKey");

    private final StreamRegistry streams;

    RecordReadOperations(StreamRegistry streams) {
        this.streams = streams;
    }

    void getShardIterator(KinesisRequest request, ResponseWriter response) throws IOException {
        InMemoryStream stream = streams.require(request);
        String shardId = request.requiredString("ShardId");
        String type = request.requiredString("ShardIteratorType");
        InMemoryShard shard = stream.shard(shardId).orElseThrow(() -> KinesisServiceError.resourceNotFound("Shard "
                + shardId + " in stream " + stream.name() + " under account " + StreamRegistry.ACCOUNT
                + " does not exist"));
        long offset = startOffset(request, shard, type);
        if (!shard.meter().tryGetShardIterator(System.nanoTime())) {
            throw KinesisServiceError.throughputExceeded("Rate exceeded for shard " + shard.shardId() + " in stream "
                    + stream.name() + " under account " + StreamRegistry.ACCOUNT + ".");
        }

        JsonGenerator out = response.generator();
        out.writeStartObject();
        out.writeStringField("ShardIterator",
                OpaqueTokens.encode(OpaqueTokens.Kind.SHARD_ITERATOR, stream.name(), shard.index(), offset));
        out.writeEndObject();
    }

    private static long startOffset(KinesisRequest request, InMemoryShard shard, String type) {
        ShardRecordLog log = shard.log();
        long size = log.size();
        switch (type) {
            case "TRIM_HORIZON":
                return 0;
            case "LATEST":
                return size;
            case "AT_SEQUENCE_NUMBER":
            case "AFTER_SEQUENCE_NUMBER": {
                String sequenceNumber = request.string("StartingSequenceNumber");
                if (sequenceNumber == null) {
                    throw KinesisServiceError.invalidArgument("StartingSequenceNumber must be provided for "
                            + "ShardIteratorType " + type);
                }
                long index = SequenceNumbers.recordIndex(sequenceNumber, shard.index(), shard.shardId());
                long offset = type.equals("AT_SEQUENCE_NUMBER") ? index : index + 1;
                if (offset > size) {
                    throw KinesisServiceError.invalidArgument("StartingSequenceNumber " + sequenceNumber + " used in "
                            + "GetShardIterator on shard " + shard.shardId() + " is beyond the newest record.");
                }
                return offset;
            }
            case "AT_TIMESTAMP": {
                Long timestamp = request.timestampMillis("Timestamp");
                if (timestamp == null) {
                    throw KinesisServiceError.invalidArgument("Timestamp must be provided for ShardIteratorType "
                            + "AT_TIMESTAMP");
                }
                return log.firstArrivedAtOrAfter(timestamp, size);
            }
            default:
                throw KinesisServiceError.validation("1 validation error detected: Value '" + type + "' at "
                        + "'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER, TRIM_HORIZON, LATEST, AT_TIMESTAMP]");
        }
    }

    void getRecords(KinesisRequest request, ResponseWriter response) throws IOException {
        String iterator = request.requiredString("ShardIterator");
        int limit = request.integer("Limit", MAX_LIMIT, 1, MAX_LIMIT);
        OpaqueTokens.Position position = OpaqueTokens.decode(OpaqueTokens.Kind.SHARD_ITERATOR, iterator);
        if (position == null) {
            throw KinesisServiceError.invalidArgument("Invalid ShardIterator.");
        }
        InMemoryStream stream = streams.require(position.streamName());
        if (position.shardIndex() >= stream.shards().size()) {
            throw KinesisServiceError.invalidArgument("Invalid ShardIterator.");
        }
        InMemoryShard shard = stream.shards().get(position.shardIndex());
        ShardRecordLog log = shard.log();

        // One read of the size fixes what this response can see, however fast producers append meanwhile.
        long size = log.size();
        long from = Math.min(position.offset(), size);
        long last = Math.min(size, from + limit);
        long end = from;
        long dataBytes = 0;
        while (end < last) {
            int length = log.data(end).length;
            if (end > from && dataBytes + length > MAX_RESPONSE_DATA_BYTES) {
                break;
            }
            dataBytes += length;
            end++;
        }
        if (!shard.meter().tryRead(System.nanoTime(), dataBytes)) {
            throw KinesisServiceError.throughputExceeded("Rate exceeded for shard " + shard.shardId() + " in stream "
                    + stream.name() + " under account " + StreamRegistry.ACCOUNT + ".");
        }
        if (end == size && end > from) {
            shard.meter().servedEnd(System.nanoTime());
        }
        long millisBehindLatest = end >= size || end == from
                ? 0 : Math.max(0, log.arrivalMillis(size - 1) - log.arrivalMillis(end - 1));
        response.expectBytes(dataBytes, (end - from) * RECORD_OVERHEAD_BYTES + 512);

        JsonGenerator out = response.generator();
        out.writeStartObject();
        out.writeFieldName("Records");
        out.writeStartArray(null, (int) (end - from));
        char[] sequenceNumber = SequenceNumbers.template(shard.index());
        for (long i = from; i < end; i++) {
            SequenceNumbers.fill(sequenceNumber, i);
            out.writeStartObject();
            out.writeFieldName(SEQUENCE_NUMBER);
            out.writeString(sequenceNumber, 0, sequenceNumber.length);
            response.timestampField(ARRIVAL, log.arrivalMillis(i));
            out.writeFieldName(DATA);
            out.writeBinary(log.data(i));
            out.writeFieldName(PARTITION_KEY);
            out.writeString(log.partitionKey(i));
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeStringField("NextShardIterator",
                OpaqueTokens.encode(OpaqueTokens.Kind.SHARD_ITERATOR, stream.name(), shard.index(), end));
        out.writeNumberField("MillisBehindLatest", millisBehindLatest);
        out.writeEndObject();
    }
}
