package org.apache.spark.streaming.kinesis.internal.receiver;

import java.io.Serializable;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Turns one Kinesis record into the value the DStream holds: the user's message handler, or a copy of the bytes.
 * Runs on the executors, so it must be serializable.
 */
@FunctionalInterface
public interface RecordConverter<T> extends Serializable {

    T convert(KinesisClientRecord record) throws Exception;
}
