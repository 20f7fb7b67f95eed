package org.apache.spark.streaming.kinesis.internal.recovery;

import java.util.Iterator;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRangeReadException;
import org.apache.spark.streaming.kinesis.internal.receiver.RecordConverter;
import org.apache.spark.util.LongAccumulator;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Re-read records through the message handler, one at a time as they are consumed, counting each in the
 * stream's "records read from Kinesis" accumulator.
 */
final class HandledRecords<T> implements Iterator<T> {

    private final Iterator<KinesisClientRecord> records;
    private final RecordConverter<T> converter;
    private final LongAccumulator readFromKinesis;
    private final String streamName;

    /** @param readFromKinesis may be null: nothing is counted */
    HandledRecords(Iterator<KinesisClientRecord> records, RecordConverter<T> converter,
            LongAccumulator readFromKinesis, String streamName) {
        this.records = records;
        this.converter = converter;
        this.readFromKinesis = readFromKinesis;
        this.streamName = streamName;
    }

    @Override
    public boolean hasNext() {
        return records.hasNext();
    }

    @Override
    public T next() {
        KinesisClientRecord record = records.next();
        T value;
        try {
            value = converter.convert(record);
        } catch (Exception e) {
            throw new KinesisRangeReadException("The message handler failed on re-read record "
                    + record.sequenceNumber() + "/" + record.subSequenceNumber() + " of stream " + streamName, e);
        }
        if (readFromKinesis != null) {
            readFromKinesis.add(1);
        }
        return value;
    }
}
