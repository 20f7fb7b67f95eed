package org.apache.spark.streaming.kinesis.internal.scalacompat;

import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.dstream.ReceiverInputDStream;
import scala.reflect.ClassTag;

/**
 * Spark's {@link ReceiverInputDStream} with the hooks the Kinesis DStream uses, in Java types. The hook whose
 * Spark signature depends on the Scala version comes from {@code ScalaSeqReceiverInputDStream}, compiled from
 * {@code src/main/scala-<version>}.
 */
public abstract class ReceiverInputDStreamAdapter<T> extends ScalaSeqReceiverInputDStream<T> {
    private static final long serialVersionUID = 1L;

    protected ReceiverInputDStreamAdapter(StreamingContext ssc, ClassTag<T> elementTag) {
        super(ssc, elementTag);
    }

    /** Makes {@code rdd} the batch's RDD, so Spark runs a recovered batch on it instead of computing it again. */
    protected final void putGeneratedRDD(Time time, RDD<T> rdd) {
        generatedRDDs().put(time, rdd);
    }
}
