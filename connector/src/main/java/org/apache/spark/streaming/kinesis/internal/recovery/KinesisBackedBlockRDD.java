package org.apache.spark.streaming.kinesis.internal.recovery;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.InterruptibleIterator;
import org.apache.spark.Partition;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.BlockRDD;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockResult;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisReadClient;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfig;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRangeReader;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRetrySettings;
import org.apache.spark.streaming.kinesis.internal.receiver.RecordConverter;
import org.apache.spark.streaming.kinesis.internal.scalacompat.ScalaInterop;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.util.TaskCompletionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The records of one batch of a Kinesis DStream, one partition per received block in the batch's order: a block is
 * served by Spark's block manager while it is there, and re-read from Kinesis, by the exact ranges recorded with
 * it, when it is not (lost with an executor, or the batch is recomputed after the driver restarted). A recomputed
 * batch therefore has the same partitions, holding the same records in the same order, as the original, which is
 * what output keyed by batch time and partition relies on. Re-read records go through the message handler as the
 * receiver's did, one at a time as the task consumes them.
 */
public final class KinesisBackedBlockRDD<T> extends BlockRDD<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KinesisBackedBlockRDD.class);

    private final List<KinesisBackedBlockPartition> plannedPartitions;
    private final KinesisConsumerConfig config;
    private final RecordConverter<T> converter;
    private final KinesisRetrySettings retrySettings;
    private final LongAccumulator recordsReadFromKinesis;
    private final ClassTag<T> elementTag;

    /**
     * @param blockIds               the batch's blocks
     * @param ranges                 what each block holds
     * @param blockMayExist          per block: false if it is known to be gone
     * @param recordsReadFromKinesis counts the records re-read from Kinesis (may be null)
     */
    public KinesisBackedBlockRDD(SparkContext sc, BlockId[] blockIds, SequenceNumberRanges[] ranges,
            boolean[] blockMayExist, KinesisConsumerConfig config, RecordConverter<T> converter,
            KinesisRetrySettings retrySettings, LongAccumulator recordsReadFromKinesis, ClassTag<T> elementTag) {
        super(sc, blockIds, elementTag);
        if (ranges.length != blockIds.length || blockMayExist.length != blockIds.length) {
            throw new IllegalArgumentException(blockIds.length + " blocks but " + ranges.length + " ranges and "
                    + blockMayExist.length + " validity flags");
        }
        this.plannedPartitions = plan(blockIds, ranges, blockMayExist);
        this.config = config;
        this.converter = converter;
        this.retrySettings = retrySettings;
        this.recordsReadFromKinesis = recordsReadFromKinesis;
        this.elementTag = elementTag;
    }

    private static List<KinesisBackedBlockPartition> plan(BlockId[] blockIds, SequenceNumberRanges[] ranges,
            boolean[] blockMayExist) {
        List<KinesisBackedBlockPartition> partitions = new ArrayList<>(blockIds.length);
        for (int i = 0; i < blockIds.length; i++) {
            partitions.add(new KinesisBackedBlockPartition(i, blockIds[i], ranges[i].ranges(), blockMayExist[i]));
        }
        return List.copyOf(partitions);
    }

    @Override
    public Partition[] getPartitions() {
        return plannedPartitions.toArray(new Partition[0]);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Iterator<T> compute(Partition split, TaskContext context) {
        KinesisBackedBlockPartition partition = (KinesisBackedBlockPartition) split;
        if (partition.blockMayExist()) {
            Option<BlockResult> block = SparkEnv.get().blockManager().get(partition.blockId(), elementTag);
            if (block.isDefined()) {
                return (Iterator<T>) block.get().data();
            }
        }
        LOG.info("Re-reading block {} of stream {} from Kinesis ({}): {}", partition.blockId(), config.streamName(),
                partition.blockMayExist() ? "not in Spark any more" : "known to be gone", partition.ranges());
        KinesisReadClient client = new KinesisReadClient(config.kinesisConnection());
        // The records are read as the task consumes them, so the client lives as long as the task.
        context.addTaskCompletionListener((TaskCompletionListener) completed -> client.close());
        java.util.Iterator<KinesisClientRecord> records =
                new KinesisRangeReader(client.kinesis(), retrySettings).read(partition.ranges());
        return new InterruptibleIterator<>(context, ScalaInterop.asScalaIterator(
                new HandledRecords<>(records, converter, recordsReadFromKinesis, config.streamName())));
    }
}
