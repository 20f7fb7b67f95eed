package org.apache.spark.streaming.kinesis.internal.scalacompat;

import java.util.List;
import java.util.Map;
import org.apache.spark.rdd.RDD;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.Time;
import org.apache.spark.streaming.dstream.ReceiverInputDStream;
import org.apache.spark.streaming.scheduler.JobScheduler;
import org.apache.spark.streaming.scheduler.ReceivedBlockInfo;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import scala.Option;
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

    /**
     * Spark's own batch generation, with one difference: the batch's input information carries
     * {@link #inputMetadata}, which Spark's version leaves empty for receiver streams (the Streaming tab shows it).
     */
    @Override
    public Option<RDD<T>> compute(Time validTime) {
        Time start = graph().startTime();
        if (start == null || validTime.less(start)) {
            // Before the (recovered) context's start: Spark gives an empty RDD and reports no input.
            return super.compute(validTime);
        }
        JobScheduler scheduler = context().scheduler();
        scala.collection.immutable.Map<Object, ? extends scala.collection.Seq<ReceivedBlockInfo>> blocksOfBatch =
                scheduler.receiverTracker().getBlocksOfBatch(validTime);
        Option<? extends scala.collection.Seq<ReceivedBlockInfo>> ours = blocksOfBatch.get(id());
        List<ReceivedBlockInfo> blockInfos = ours.isEmpty() ? List.of() : ScalaInterop.toJavaList(ours.get());
        long records = 0;
        for (ReceivedBlockInfo block : blockInfos) {
            records += block.numRecords().isEmpty() ? 0 : (Long) block.numRecords().get();
        }
        Map<String, Object> metadata = inputMetadata(validTime, blockInfos);
        scheduler.inputInfoTracker().reportInfo(validTime,
                new StreamInputInfo(id(), records, ScalaInterop.toScalaMap(metadata)));
        return Option.apply(createBlockRDD(validTime, blockInfos));
    }

    /** The metadata of the batch's input information; {@code Description} is what the Streaming tab shows. */
    protected abstract Map<String, Object> inputMetadata(Time time, List<ReceivedBlockInfo> blockInfos);

    /** Makes {@code rdd} the batch's RDD, so Spark runs a recovered batch on it instead of computing it again. */
    protected final void putGeneratedRDD(Time time, RDD<T> rdd) {
        generatedRDDs().put(time, rdd);
    }
}
