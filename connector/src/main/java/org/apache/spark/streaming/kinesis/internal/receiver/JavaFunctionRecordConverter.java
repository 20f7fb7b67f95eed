package org.apache.spark.streaming.kinesis.internal.receiver;

import org.apache.spark.api.java.function.Function;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** A message handler written as a Spark Java {@link Function}. */
public final class JavaFunctionRecordConverter<T> implements RecordConverter<T> {
    private static final long serialVersionUID = 1L;

    private final Function<KinesisClientRecord, T> handler;

    public JavaFunctionRecordConverter(Function<KinesisClientRecord, T> handler) {
        this.handler = handler;
    }

    @Override
    public T convert(KinesisClientRecord record) throws Exception {
        return handler.call(record);
    }
}
