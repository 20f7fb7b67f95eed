package io.github.sparkkinesis.sql.internal.fetch;

import java.io.Serializable;
import java.util.List;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The user records of one block, as the block manager keeps them: column arrays rather than objects, so a block
 * costs little more than its data.
 */
public final class FetchedPage implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] partitionKeys;
    private final byte[][] data;
    private final String[] sequenceNumbers;
    private final long[] subSequenceNumbers;
    private final long[] arrivalMillis;

    private FetchedPage(int size) {
        partitionKeys = new String[size];
        data = new byte[size][];
        sequenceNumbers = new String[size];
        subSequenceNumbers = new long[size];
        arrivalMillis = new long[size];
    }

    /** The records {@code from} (inclusive) to {@code to} (exclusive) of {@code records}. */
    static FetchedPage of(List<KinesisClientRecord> records, int from, int to) {
        FetchedPage page = new FetchedPage(to - from);
        for (int i = from; i < to; i++) {
            KinesisClientRecord record = records.get(i);
            int j = i - from;
            page.partitionKeys[j] = record.partitionKey();
            byte[] bytes = new byte[record.data().remaining()];
            record.data().duplicate().get(bytes);
            page.data[j] = bytes;
            page.sequenceNumbers[j] = record.sequenceNumber();
            page.subSequenceNumbers[j] = record.subSequenceNumber();
            page.arrivalMillis[j] = record.approximateArrivalTimestamp() == null
                    ? 0 : record.approximateArrivalTimestamp().toEpochMilli();
        }
        return page;
    }

    public int size() {
        return sequenceNumbers.length;
    }

    public String partitionKey(int i) {
        return partitionKeys[i];
    }

    public byte[] data(int i) {
        return data[i];
    }

    public String sequenceNumber(int i) {
        return sequenceNumbers[i];
    }

    public long subSequenceNumber(int i) {
        return subSequenceNumbers[i];
    }

    public long arrivalMillis(int i) {
        return arrivalMillis[i];
    }
}
