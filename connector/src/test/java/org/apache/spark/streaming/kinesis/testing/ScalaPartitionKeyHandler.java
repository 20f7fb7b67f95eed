package org.apache.spark.streaming.kinesis.testing;

import java.io.Serializable;
import scala.runtime.AbstractFunction1;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** A message handler written as a Scala function (serializable, as Scala closures are): the partition key. */
public final class ScalaPartitionKeyHandler extends AbstractFunction1<KinesisClientRecord, String>
        implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String apply(KinesisClientRecord record) {
        return record.partitionKey();
    }
}
