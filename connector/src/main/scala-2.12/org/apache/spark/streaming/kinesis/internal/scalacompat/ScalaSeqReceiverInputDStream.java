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
 * The only source that differs by Scala version. This copy is for Scala 2.12, where Spark's sequences are
 * {@code scala.collection.Seq}; the Scala 2.13 copy is in {@code src/main/scala-2.13}. It overrides
 * the Spark method whose signature names a Scala collection and hands its arguments on in Java types.
 */
abstract class ScalaSeqReceiverInputDStream<T> extends ReceiverInputDStream<T> {
    private static final long serialVersionUID = 1L;

    ScalaSeqReceiverInputDStream(StreamingContext ssc, ClassTag<T> elementTag) {
        super(ssc, elementTag);
    }

    @Override
    public final RDD<T> createBlockRDD(Time time, scala.collection.Seq<ReceivedBlockInfo> blockInfos) {
        return createBlockRDD(time, ScalaInterop.toJavaList(blockInfos),
                () -> super.createBlockRDD(time, blockInfos));
    }

    /** The batch's RDD through {@link #createBlockRDD(Time, scala.collection.Seq)}, from a Java list. */
    final RDD<T> createBlockRDD(Time time, List<ReceivedBlockInfo> blockInfos) {
        return createBlockRDD(time, scala.collection.JavaConverters.asScalaBuffer(blockInfos).toList());
    }

    /**
     * The RDD of one batch's received blocks.
     *
     * @param sparkDefault the RDD Spark would create (blocks from the block manager or the write-ahead log)
     */
    protected abstract RDD<T> createBlockRDD(Time time, List<ReceivedBlockInfo> blockInfos,
            Supplier<RDD<T>> sparkDefault);
}
