package org.apache.spark.streaming.kinesis.internal.scalacompat;

import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.dstream.ReceiverInputDStream;
import org.apache.spark.streaming.scheduler.ReceivedBlockInfo;
import scala.reflect.ClassTag;

/**
 * Spark's {@link ReceiverInputDStream} with the hooks the Kinesis DStream overrides, in Java types: the methods
 * whose signatures name Scala collections (which differ between Scala 2.12 and 2.13) are overridden here and
 * nowhere else.
 */
public abstract class ReceiverInputDStreamAdapter<T> extends ReceiverInputDStream<T> {
    private static final long serialVersionUID = 1L;

    protected ReceiverInputDStreamAdapter(StreamingContext ssc, ClassTag<T> elementTag) {
        super(ssc, elementTag);
    }

    @Override
    public final RDD<T> createBlockRDD(Time time, scala.collection.immutable.Seq<ReceivedBlockInfo> blockInfos) {
        return createBlockRDD(time, ScalaInterop.toJavaList(blockInfos),
                () -> super.createBlockRDD(time, blockInfos));
    }

    /**
     * The RDD of one batch's received blocks.
     *
     * @param sparkDefault the RDD Spark would create (blocks from the block manager or the write-ahead log)
     */
    protected abstract RDD<T> createBlockRDD(Time time, List<ReceivedBlockInfo> blockInfos,
            Supplier<RDD<T>> sparkDefault);

    /** Makes {@code rdd} the batch's RDD, so Spark runs a recovered batch on it instead of computing it again. */
    protected final void putGeneratedRDD(Time time, RDD<T> rdd) {
        generatedRDDs().put(time, rdd);
    }
}
