package org.apache.spark.streaming.kinesis.internal.kpl;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.kpl.Messages;

/**
 * The encoder of the KPL aggregation format, the counterpart of the KCL's de-aggregator ({@link AggregatorUtil},
 * which the connector reads with): the magic bytes {@link AggregatorUtil#AGGREGATED_RECORD_MAGIC}, an
 * {@code AggregatedRecord} protobuf of the user records, and the MD5 of the protobuf. {@link #sizeWith} tells the
 * exact size before a record is added, so that an aggregate is closed before it passes a limit.
 *
 * <p>Every user record carries the aggregate's explicit hash key, the hash key the aggregate is put with. A
 * de-aggregator drops user records whose hash key lies outside the shard that holds the aggregate (the KCL does);
 * with the aggregate's own hash key no user record is ever dropped, even when the shards changed between placing
 * and putting the aggregate.
 */
public final class KplAggregate {

    private static final int DIGEST_BYTES = 16;

    private final String explicitHashKey;
    private final Map<String, Integer> partitionKeys = new LinkedHashMap<>();
    private final List<Messages.Record> records = new ArrayList<>();
    private int protobufBytes;

    /** @param explicitHashKey the hash key the aggregate will be put with, as a decimal number */
    public KplAggregate(String explicitHashKey) {
        this.explicitHashKey = explicitHashKey;
        this.protobufBytes = CodedOutputStream.computeStringSize(2, explicitHashKey);
    }

    /** The explicit hash key to put the aggregate with. */
    public String explicitHashKey() {
        return explicitHashKey;
    }

    /** The user records added. */
    public int count() {
        return records.size();
    }

    /** The size of {@link #toBytes()} now. */
    public int size() {
        return AggregatorUtil.AGGREGATED_RECORD_MAGIC.length + protobufBytes + DIGEST_BYTES;
    }

    /** The size {@link #toBytes()} would have with one more user record. */
    public int sizeWith(String partitionKey, int dataBytes) {
        return size() + added(partitionKey, dataBytes);
    }

    /** Adds a user record. */
    public void add(String partitionKey, byte[] data) {
        protobufBytes += added(partitionKey, data.length);
        Integer index = partitionKeys.get(partitionKey);
        if (index == null) {
            index = partitionKeys.size();
            partitionKeys.put(partitionKey, index);
        }
        records.add(Messages.Record.newBuilder()
                .setPartitionKeyIndex(index)
                .setExplicitHashKeyIndex(0)
                .setData(ByteString.copyFrom(data))
                .build());
    }

    /** The aggregated Kinesis record's data. */
    public byte[] toBytes() {
        if (records.isEmpty()) {
            throw new IllegalStateException("An aggregate needs at least one user record");
        }
        byte[] message = Messages.AggregatedRecord.newBuilder()
                .addAllPartitionKeyTable(partitionKeys.keySet())
                .addExplicitHashKeyTable(explicitHashKey)
                .addAllRecords(records)
                .build()
                .toByteArray();
        byte[] magic = AggregatorUtil.AGGREGATED_RECORD_MAGIC;
        byte[] out = new byte[magic.length + message.length + DIGEST_BYTES];
        System.arraycopy(magic, 0, out, 0, magic.length);
        System.arraycopy(message, 0, out, magic.length, message.length);
        System.arraycopy(md5(message), 0, out, magic.length + message.length, DIGEST_BYTES);
        return out;
    }

    /** The protobuf bytes a user record adds: its key in the table if new, and its Record field. */
    private int added(String partitionKey, int dataBytes) {
        Integer index = partitionKeys.get(partitionKey);
        int keyBytes = index == null ? CodedOutputStream.computeStringSize(1, partitionKey) : 0;
        int record = CodedOutputStream.computeUInt64Size(1, index == null ? partitionKeys.size() : index)
                + CodedOutputStream.computeUInt64Size(2, 0)
                + CodedOutputStream.computeTagSize(3) + CodedOutputStream.computeUInt32SizeNoTag(dataBytes)
                + dataBytes;
        return keyBytes + CodedOutputStream.computeTagSize(3) + CodedOutputStream.computeUInt32SizeNoTag(record)
                + record;
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by the KPL format", e);
        }
    }
}
