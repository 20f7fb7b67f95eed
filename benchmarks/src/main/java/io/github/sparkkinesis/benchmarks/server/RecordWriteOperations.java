package io.github.sparkkinesis.benchmarks.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * PutRecord and PutRecords: each record goes to the shard owning the MD5 of its partition key (or its explicit
 * hash key) and arrives now. The whole request is validated before anything is appended, and no record ever
 * fails on its own (no throttling), so FailedRecordCount is always 0.
 */
final class RecordWriteOperations {

    private static final int MAX_PUT_RECORDS = 500;
    private static final int MAX_PARTITION_KEY_LENGTH = 256;

    private final StreamRegistry streams;

    RecordWriteOperations(StreamRegistry streams) {
        this.streams = streams;
    }

    /** A validated record of a put request and the shard it goes to. */
    private record Entry(InMemoryShard shard, byte[] data, String partitionKey) {
    }

    void putRecord(KinesisRequest request, ResponseWriter response) throws IOException {
        InMemoryStream stream = streams.require(request);
        Entry entry = entry(stream, request, "");
        String sequenceNumber = append(entry);

        JsonGenerator out = response.generator();
        out.writeStartObject();
        out.writeStringField("ShardId", entry.shard().shardId());
        out.writeStringField("SequenceNumber", sequenceNumber);
        out.writeStringField("EncryptionType", "NONE");
        out.writeEndObject();
    }

    void putRecords(KinesisRequest request, ResponseWriter response) throws IOException {
        InMemoryStream stream = streams.require(request);
        List<KinesisRequest> records = request.structures("Records");
        if (records.isEmpty() || records.size() > MAX_PUT_RECORDS) {
            throw KinesisServiceError.validation("1 validation error detected: Value at 'records' failed to satisfy "
                    + "constraint: Member must have length between 1 and " + MAX_PUT_RECORDS);
        }
        List<Entry> entries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            entries.add(entry(stream, records.get(i), "records." + (i + 1) + "."));
        }

        JsonGenerator out = response.generator();
        out.writeStartObject();
        out.writeNumberField("FailedRecordCount", 0);
        out.writeFieldName("Records");
        out.writeStartArray(null, entries.size());
        for (Entry entry : entries) {
            String sequenceNumber = append(entry);
            out.writeStartObject();
            out.writeStringField("SequenceNumber", sequenceNumber);
            out.writeStringField("ShardId", entry.shard().shardId());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeStringField("EncryptionType", "NONE");
        out.writeEndObject();
    }

    private static Entry entry(InMemoryStream stream, KinesisRequest record, String memberPrefix) {
        byte[] data = record.requiredBlob("Data");
        String partitionKey = record.requiredString("PartitionKey");
        if (partitionKey.isEmpty() || partitionKey.length() > MAX_PARTITION_KEY_LENGTH) {
            throw KinesisServiceError.validation("1 validation error detected: Value at '" + memberPrefix + "partitionKey'"
                    + " failed to satisfy constraint: Member must have length between 1 and "
                    + MAX_PARTITION_KEY_LENGTH);
        }
        String explicitHashKey = record.string("ExplicitHashKey");
        InMemoryShard shard;
        if (explicitHashKey == null) {
            shard = stream.shardForPartitionKey(partitionKey);
        } else {
            BigInteger hashKey;
            try {
                hashKey = new BigInteger(explicitHashKey);
            } catch (NumberFormatException e) {
                throw KinesisServiceError.invalidArgument("ExplicitHashKey " + explicitHashKey + " is not a decimal number");
            }
            shard = stream.shardForHashKey(hashKey);
        }
        return new Entry(shard, data, partitionKey);
    }

    private static String append(Entry entry) {
        return entry.shard().append(entry.data(), entry.partitionKey());
    }
}
