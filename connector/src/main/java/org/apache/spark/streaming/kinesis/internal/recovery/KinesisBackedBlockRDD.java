package org.apache.spark.streaming.kinesis.internal.recovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.Partition;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.rdd.BlockRDD;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.BlockResult;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisReadClient;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfig;
import org.apache.spark.streaming.kinesis.internal.receiver.RecordConverter;
import org.apache.spark.streaming.kinesis.internal.scalacompat.ScalaInterop;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.Iterator;
import scala.reflect.ClassTag;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * The records of one batch of a Kinesis DStream: each received block is served by Spark's block manager while it
 * is there, and re-read from Kinesis, by the exact ranges recorded with it, when it is not (lost with an executor,
 * or the batch is recomputed after the driver restarted). The message handler is applied to re-read records as
 * the receiver applied it, so a recomputed batch holds the same data.
 *
 * <p>Blocks known to be gone are grouped per shard into one partition and read in one pass.
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
        List<KinesisBackedBlockPartition> partitions = new ArrayList<>();
        Map<String, List<SequenceNumberRange>> goneByShard = new LinkedHashMap<>();
        Map<String, BlockId> firstGoneBlock = new LinkedHashMap<>();
        for (int i = 0; i < blockIds.length; i++) {
            if (blockMayExist[i]) {
                partitions.add(new KinesisBackedBlockPartition(partitions.size(), blockIds[i],
                        ranges[i].ranges(), true));
            } else {
                for (SequenceNumberRange range : ranges[i].ranges()) {
                    String shard = range.streamName() + "/" + range.shardId();
                    goneByShard.computeIfAbsent(shard, key -> new ArrayList<>()).add(range);
                    firstGoneBlock.putIfAbsent(shard, blockIds[i]);
                }
            }
        }
        goneByShard.forEach((shard, shardRanges) -> {
            shardRanges.sort((a, b) -> a.first().compareTo(b.first()));
            partitions.add(new KinesisBackedBlockPartition(partitions.size(), firstGoneBlock.get(shard),
                    shardRanges, false));
        });
        return partitions;
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
            LOG.info("Block {} of stream {} is not in Spark any more; re-reading its records from Kinesis",
                    partition.blockId(), config.streamName());
        }
        List<T> values = readFromKinesis(partition.ranges());
        return ScalaInterop.asScalaIterator(values.iterator());
    }

    private List<T> readFromKinesis(List<SequenceNumberRange> ranges) {
        Map<String, List<SequenceNumberRange>> byShard = new LinkedHashMap<>();
        ranges.forEach(range -> byShard.computeIfAbsent(range.streamName() + "/" + range.shardId(),
                key -> new ArrayList<>()).add(range));
        List<T> values = new ArrayList<>();
        try (KinesisReadClient client = new KinesisReadClient(config)) {
            KinesisRangeReader reader = new KinesisRangeReader(client.kinesis(),
                    new RetryingKinesisCall(retrySettings));
            for (List<SequenceNumberRange> shardRanges : byShard.values()) {
                List<KinesisClientRecord> records = reader.read(shardRanges);
                for (KinesisClientRecord record : records) {
                    values.add(convert(record));
                }
                LOG.info("Re-read {} records of shard {} of stream {} from Kinesis ({} ranges)", records.size(),
                        shardRanges.get(0).shardId(), shardRanges.get(0).streamName(), shardRanges.size());
            }
        }
        if (recordsReadFromKinesis != null) {
            recordsReadFromKinesis.add(values.size());
        }
        return values;
    }

    private T convert(KinesisClientRecord record) {
        try {
            return converter.convert(record);
        } catch (Exception e) {
            throw new KinesisRangeReadException("The message handler failed on re-read record "
                    + record.sequenceNumber() + "/" + record.subSequenceNumber() + " of stream "
                    + config.streamName(), e);
        }
    }
}
