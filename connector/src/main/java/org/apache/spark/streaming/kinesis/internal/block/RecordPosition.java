package org.apache.spark.streaming.kinesis.internal.block;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.Objects;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * The exact position of one user record in a shard: the Kinesis sequence number of the record that carried it
 * and, for records de-aggregated from a KPL aggregate, its index inside the aggregate (0 otherwise).
 *
 * <p>Positions compare numerically (sequence numbers are decimal integers of varying length, so comparing them
 * as strings is wrong), then by sub-sequence number.
 */
public final class RecordPosition implements Comparable<RecordPosition>, Serializable {
    private static final long serialVersionUID = 1L;

    private final String sequenceNumber;
    private final long subSequenceNumber;
    private transient BigInteger numericSequenceNumber;

    public RecordPosition(String sequenceNumber, long subSequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.isEmpty()) {
            throw new IllegalArgumentException("A record position needs a sequence number");
        }
        if (subSequenceNumber < 0) {
            throw new IllegalArgumentException("Negative sub-sequence number " + subSequenceNumber);
        }
        this.numericSequenceNumber = new BigInteger(sequenceNumber);
        this.sequenceNumber = sequenceNumber;
        this.subSequenceNumber = subSequenceNumber;
    }

    public static RecordPosition of(KinesisClientRecord record) {
        return new RecordPosition(record.sequenceNumber(), record.subSequenceNumber());
    }

    public String sequenceNumber() {
        return sequenceNumber;
    }

    public long subSequenceNumber() {
        return subSequenceNumber;
    }

    /** The same position in the KCL's type, as used for checkpoints. */
    public ExtendedSequenceNumber toExtendedSequenceNumber() {
        return new ExtendedSequenceNumber(sequenceNumber, subSequenceNumber);
    }

    private BigInteger numeric() {
        if (numericSequenceNumber == null) {
            numericSequenceNumber = new BigInteger(sequenceNumber);
        }
        return numericSequenceNumber;
    }

    @Override
    public int compareTo(RecordPosition other) {
        int bySequence = numeric().compareTo(other.numeric());
        return bySequence != 0 ? bySequence : Long.compare(subSequenceNumber, other.subSequenceNumber);
    }

    public boolean isAfter(RecordPosition other) {
        return compareTo(other) > 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordPosition that
                && subSequenceNumber == that.subSequenceNumber
                && numeric().equals(that.numeric());
    }

    @Override
    public int hashCode() {
        return Objects.hash(numeric(), subSequenceNumber);
    }

    @Override
    public String toString() {
        return sequenceNumber + "/" + subSequenceNumber;
    }
}
