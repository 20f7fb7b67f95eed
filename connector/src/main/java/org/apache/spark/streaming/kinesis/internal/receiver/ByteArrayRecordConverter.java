package org.apache.spark.streaming.kinesis.internal.receiver;

import java.nio.ByteBuffer;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** The default conversion: a copy of the record's data, from its position to its limit. */
public final class ByteArrayRecordConverter implements RecordConverter<byte[]> {
    private static final long serialVersionUID = 1L;

    public static final ByteArrayRecordConverter INSTANCE = new ByteArrayRecordConverter();

    private ByteArrayRecordConverter() {
    }

    @Override
    public byte[] convert(KinesisClientRecord record) {
        ByteBuffer data = record.data();
        if (data == null) {
            return null;
        }
        byte[] bytes = new byte[data.remaining()];
        // duplicate() so the record's own buffer position is left alone for anyone else reading it.
        data.duplicate().get(bytes);
        return bytes;
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
