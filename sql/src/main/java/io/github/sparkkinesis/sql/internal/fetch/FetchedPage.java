package io.github.sparkkinesis.sql.internal.fetch;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.unsafe.types.UTF8String;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The user records of one block, in the form the block manager keeps: one byte array. It goes through any
 * serializer Spark is set to use (Java or Kryo) as a plain copy, and a reader turns it into rows without decoding
 * strings: partition keys and sequence numbers are handed to Spark as views of the array's UTF-8 bytes.
 *
 * <p>Each record is a fixed header (lengths of the partition key, data and sequence number, then the sub-sequence
 * number and the arrival time in epoch milliseconds) followed by those three byte strings; the array starts with
 * the number of records.
 */
public final class FetchedPage {

    private static final int HEADER_BYTES = 3 * Integer.BYTES + 2 * Long.BYTES;
    private static final int KEY_LENGTH = 0;
    private static final int DATA_LENGTH = 4;
    private static final int SEQUENCE_LENGTH = 8;
    private static final int SUB_SEQUENCE = 12;
    private static final int ARRIVAL = 20;

    private final byte[] bytes;
    private final ByteBuffer view;
    private final int[] starts;

    private FetchedPage(byte[] bytes) {
        this.bytes = bytes;
        this.view = ByteBuffer.wrap(bytes);
        this.starts = new int[view.getInt(0)];
        int start = Integer.BYTES;
        for (int i = 0; i < starts.length; i++) {
            starts[i] = start;
            start += HEADER_BYTES + view.getInt(start + KEY_LENGTH) + view.getInt(start + DATA_LENGTH)
                    + view.getInt(start + SEQUENCE_LENGTH);
        }
    }

    /** The records {@code from} (inclusive) to {@code to} (exclusive) of {@code records}, encoded. */
    static byte[] encode(List<KinesisClientRecord> records, int from, int to) {
        byte[][] keys = new byte[to - from][];
        byte[][] sequenceNumbers = new byte[to - from][];
        int size = Integer.BYTES;
        for (int i = from; i < to; i++) {
            KinesisClientRecord record = records.get(i);
            keys[i - from] = record.partitionKey().getBytes(StandardCharsets.UTF_8);
            sequenceNumbers[i - from] = record.sequenceNumber().getBytes(StandardCharsets.US_ASCII);
            size += HEADER_BYTES + keys[i - from].length + record.data().remaining()
                    + sequenceNumbers[i - from].length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(to - from);
        for (int i = from; i < to; i++) {
            KinesisClientRecord record = records.get(i);
            byte[] key = keys[i - from];
            byte[] sequenceNumber = sequenceNumbers[i - from];
            out.putInt(key.length).putInt(record.data().remaining()).putInt(sequenceNumber.length)
                    .putLong(record.subSequenceNumber())
                    .putLong(record.approximateArrivalTimestamp() == null
                            ? 0 : record.approximateArrivalTimestamp().toEpochMilli())
                    .put(key).put(record.data().duplicate()).put(sequenceNumber);
        }
        return out.array();
    }

    /** The page that {@link #encode} wrote into {@code bytes}. */
    public static FetchedPage decode(byte[] bytes) {
        return new FetchedPage(bytes);
    }

    public int size() {
        return starts.length;
    }

    public UTF8String partitionKey(int i) {
        return UTF8String.fromBytes(bytes, keyStart(i), view.getInt(starts[i] + KEY_LENGTH));
    }

    public byte[] data(int i) {
        int from = keyStart(i) + view.getInt(starts[i] + KEY_LENGTH);
        return Arrays.copyOfRange(bytes, from, from + view.getInt(starts[i] + DATA_LENGTH));
    }

    public UTF8String sequenceNumber(int i) {
        return UTF8String.fromBytes(bytes, sequenceStart(i), view.getInt(starts[i] + SEQUENCE_LENGTH));
    }

    public long subSequenceNumber(int i) {
        return view.getLong(starts[i] + SUB_SEQUENCE);
    }

    public long arrivalMillis(int i) {
        return view.getLong(starts[i] + ARRIVAL);
    }

    public RecordPosition position(int i) {
        return new RecordPosition(new String(bytes, sequenceStart(i), view.getInt(starts[i] + SEQUENCE_LENGTH),
                StandardCharsets.US_ASCII), subSequenceNumber(i));
    }

    private int keyStart(int i) {
        return starts[i] + HEADER_BYTES;
    }

    private int sequenceStart(int i) {
        return keyStart(i) + view.getInt(starts[i] + KEY_LENGTH) + view.getInt(starts[i] + DATA_LENGTH);
    }
}
