package org.apache.spark.streaming.kinesis.internal.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.spark.Partition;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.storage.BlockId;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.KinesisInitialPositions;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRetrySettings;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfigBuilder;
import org.apache.spark.streaming.kinesis.internal.receiver.ByteArrayRecordConverter;
import org.apache.spark.streaming.kinesis.internal.scalacompat.ScalaInterop;
import org.apache.spark.streaming.kinesis.testing.BoundedProducer;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.SparkTestContext;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.apache.spark.streaming.kinesis.testing.WarmUp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Batches received by a real receiver, recomputed from Kinesis as after a driver restart (every block gone),
 * equal the originals partition by partition: output keyed by batch time and partition index, Spark's documented
 * idempotent-output pattern, writes the same thing again.
 */
@ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
class RecomputedBatchIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    /** Records produced at least (more if it takes more for a batch to hold several blocks of one shard). */
    private static final int RECORDS = 400;
    /** Per test run: what each batch's RDD held, partition by partition, served by the block manager. */
    private static final Map<String, List<OriginalBatch>> ORIGINALS = new ConcurrentHashMap<>();

    private record OriginalBatch(BlockId[] blockIds, SequenceNumberRanges[] ranges, List<List<String>> partitions) {
    }

    @Test
    void aBatchRecomputedFromKinesisEqualsTheOriginalPartitionByPartition(LocalStack stack,
            StreamingContexts contexts) throws Exception {
        String stream = stack.streams().createUniqueStream("recompute", 2);
        String run = UUID.randomUUID().toString();
        ORIGINALS.put(run, new CopyOnWriteArrayList<>());
        // Two-second batches of a steady trickle: the receiver stores several blocks per shard in each batch.
        JavaStreamingContext ssc = contexts.create(new org.apache.spark.streaming.Duration(2_000));
        LocalStackDStreams.builder(stack, ssc, stream, KinesisStreamFixture.uniqueName("app"))
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .build().asJava()
                .foreachRDD(rdd -> remember(run, rdd.rdd()));
        ssc.start();
        // Produce only once the receiver reads, so that records come in while it polls rather than all at once.
        WarmUp.await(stack, stream, TIMEOUT, () -> seen(run), () -> ORIGINALS.get(run).size() + " batches so far");
        // ... and until a batch holds several blocks of one shard, from two shards, whatever the pace of the polls on
        // a busy machine (the count is only a cap).
        try (BoundedProducer producer = BoundedProducer.start(stack, stream, "b", 10 * RECORDS, 100)) {
            Eventually.await(TIMEOUT, () -> producer.producedSoFar().size() >= RECORDS
                            && ORIGINALS.get(run).stream().anyMatch(RecomputedBatchIT::severalBlocksOfOneShard),
                    () -> ORIGINALS.get(run).size() + " batches, none with several blocks of one shard from two");
            producer.stop();
            List<String> produced = producer.awaitAll();
            Eventually.await(TIMEOUT, () -> seen(run).containsAll(produced),
                    () -> "seen " + seen(run).size() + " of " + produced.size());
        }
        SparkTestContext.stop(ssc);
        List<OriginalBatch> originals = ORIGINALS.remove(run);

        assertThat(originals).as("a batch with several blocks of one shard, from two shards")
                .anyMatch(RecomputedBatchIT::severalBlocksOfOneShard);
        SparkContext sc = SparkTestContext.sparkContext().sc();
        var config = new KinesisConsumerConfigBuilder().streamName(stream).checkpointAppName("recompute")
                .endpointUrl(stack.kinesisEndpoint().toString()).regionName(LocalStack.REGION.id())
                .kinesisCredentials(LocalStackDStreams.credentials()).build();
        for (OriginalBatch original : originals) {
            KinesisBackedBlockRDD<byte[]> recomputed = new KinesisBackedBlockRDD<>(sc, original.blockIds(),
                    original.ranges(), new boolean[original.blockIds().length], config,
                    ByteArrayRecordConverter.INSTANCE, new KinesisRetrySettings(100, 3), null,
                    ScalaInterop.classTag(byte[].class));

            assertThat(texts(recomputed.toJavaRDD().glom().collect()))
                    .as("batch of blocks %s", Arrays.toString(original.blockIds()))
                    .isEqualTo(original.partitions());
        }
        System.err.println("Recomputed " + originals.size() + " batches of " + originals.stream()
                .mapToInt(batch -> batch.blockIds().length).sum() + " blocks, partition by partition");
    }

    /** Runs on the driver after each batch, while its blocks are still in Spark. */
    private static void remember(String run, RDD<byte[]> rdd) {
        if (!(rdd instanceof KinesisBackedBlockRDD<byte[]> blocks) || blocks.getPartitions().length == 0) {
            return;
        }
        Partition[] partitions = blocks.getPartitions();
        BlockId[] blockIds = new BlockId[partitions.length];
        SequenceNumberRanges[] ranges = new SequenceNumberRanges[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
            KinesisBackedBlockPartition partition = (KinesisBackedBlockPartition) partitions[i];
            blockIds[i] = partition.blockId();
            ranges[i] = new SequenceNumberRanges(partition.ranges());
        }
        ORIGINALS.get(run).add(new OriginalBatch(blockIds, ranges, texts(blocks.toJavaRDD().glom().collect())));
    }

    private static List<List<String>> texts(List<List<byte[]>> partitions) {
        return partitions.stream().map(TestPayloads::texts).toList();
    }

    private static Set<String> seen(String run) {
        return ORIGINALS.get(run).stream().flatMap(batch -> batch.partitions().stream())
                .flatMap(List::stream).collect(Collectors.toCollection(HashSet::new));
    }

    private static boolean severalBlocksOfOneShard(OriginalBatch batch) {
        Map<String, Long> blocksPerShard = blocksPerShard(batch);
        return blocksPerShard.size() == 2 && blocksPerShard.values().stream().anyMatch(blocks -> blocks >= 2);
    }

    private static Map<String, Long> blocksPerShard(OriginalBatch batch) {
        return Arrays.stream(batch.ranges()).flatMap(ranges -> ranges.ranges().stream())
                .collect(Collectors.groupingBy(SequenceNumberRange::shardId, Collectors.counting()));
    }
}
