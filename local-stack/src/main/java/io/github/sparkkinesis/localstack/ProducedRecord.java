package io.github.sparkkinesis.localstack;

import java.util.Arrays;
import java.util.Objects;

/**
 * A record the fixture put into a stream, with where Kinesis placed it.
 *
 * @param partitionKey   the partition key it was put with
 * @param data           its payload (not copied; do not modify)
 * @param shardId        the shard Kinesis put it in
 * @param sequenceNumber the sequence number Kinesis assigned
 */
public record ProducedRecord(String partitionKey, byte[] data, String shardId, String sequenceNumber) {

    public ProducedRecord {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProducedRecord that
                && partitionKey.equals(that.partitionKey)
                && Arrays.equals(data, that.data)
                && shardId.equals(that.shardId)
                && sequenceNumber.equals(that.sequenceNumber);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partitionKey, Arrays.hashCode(data), shardId, sequenceNumber);
    }

    @Override
    public String toString() {
        return "ProducedRecord[" + shardId + "/" + sequenceNumber + ", key=" + partitionKey + ", "
                + data.length + " bytes]";
    }
}
