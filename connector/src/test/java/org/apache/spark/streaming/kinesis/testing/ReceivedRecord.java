package org.apache.spark.streaming.kinesis.testing;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.spark.api.java.function.Function;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * What a test message handler keeps of each Kinesis record: its position, key, arrival time and payload.
 */
public final class ReceivedRecord implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The message handler that produces it. */
    public static final Function<KinesisClientRecord, ReceivedRecord> HANDLER = ReceivedRecord::of;

    private final String partitionKey;
    private final String sequenceNumber;
    private final long subSequenceNumber;
    private final boolean aggregated;
    private final long arrivalMillis;
    private final byte[] data;

    private ReceivedRecord(String partitionKey, String sequenceNumber, long subSequenceNumber, boolean aggregated,
            long arrivalMillis, byte[] data) {
        this.partitionKey = partitionKey;
        this.sequenceNumber = sequenceNumber;
        this.subSequenceNumber = subSequenceNumber;
        this.aggregated = aggregated;
        this.arrivalMillis = arrivalMillis;
        this.data = data;
    }

    public static ReceivedRecord of(KinesisClientRecord record) {
        return new ReceivedRecord(record.partitionKey(), record.sequenceNumber(), record.subSequenceNumber(),
                record.aggregated(), record.approximateArrivalTimestamp().toEpochMilli(), TestPayloads.bytes(record));
    }

    public String partitionKey() {
        return partitionKey;
    }

    public String sequenceNumber() {
        return sequenceNumber;
    }

    public long subSequenceNumber() {
        return subSequenceNumber;
    }

    public boolean aggregated() {
        return aggregated;
    }

    public long arrivalMillis() {
        return arrivalMillis;
    }

    public byte[] data() {
        return data;
    }

    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ReceivedRecord that && sequenceNumber.equals(that.sequenceNumber)
                && subSequenceNumber == that.subSequenceNumber && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequenceNumber, subSequenceNumber);
    }

    @Override
    public String toString() {
        return sequenceNumber + "/" + subSequenceNumber + " '" + text() + "'";
    }
}
