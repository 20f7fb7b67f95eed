package io.github.sparkkinesis.localstack;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.kpl.Messages;

/**
 * Builds one Kinesis record in the KPL aggregation format (magic bytes, an {@code AggregatedRecord} protobuf,
 * then the MD5 of the protobuf), holding several user records. Consumers such as the KCL de-aggregate it into
 * sub-records with sub-sequence numbers 0, 1, 2, ...
 *
 * <p>The KCL drops a whole aggregate if any user record's explicit hash key falls outside the receiving shard's
 * range; this builder uses no explicit hash keys, so put the aggregate with a partition key or explicit hash key
 * that routes it to the shard you want.
 */
public final class KplAggregatedRecord {

    private final Map<String, Integer> partitionKeyIndex = new LinkedHashMap<>();
    private final List<Messages.Record> records = new ArrayList<>();

    /** Adds a user record. */
    public KplAggregatedRecord add(String partitionKey, byte[] data) {
        int keyIndex = partitionKeyIndex.computeIfAbsent(partitionKey, key -> partitionKeyIndex.size());
        records.add(Messages.Record.newBuilder()
                .setPartitionKeyIndex(keyIndex)
                .setData(ByteString.copyFrom(data))
                .build());
        return this;
    }

    public int size() {
        return records.size();
    }

    /** The aggregated Kinesis record payload. */
    public byte[] toBytes() {
        if (records.isEmpty()) {
            throw new IllegalStateException("An aggregated record needs at least one user record");
        }
        byte[] message = Messages.AggregatedRecord.newBuilder()
                .addAllPartitionKeyTable(partitionKeyIndex.keySet())
                .addAllRecords(records)
                .build()
                .toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(AggregatorUtil.AGGREGATED_RECORD_MAGIC);
        out.writeBytes(message);
        out.writeBytes(md5(message));
        return out.toByteArray();
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by the KPL format", e);
        }
    }
}
