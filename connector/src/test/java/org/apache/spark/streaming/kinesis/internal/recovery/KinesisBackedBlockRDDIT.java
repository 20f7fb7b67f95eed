package org.apache.spark.streaming.kinesis.internal.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.FaultInjectingProxy;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.storage.StreamBlockId;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRetrySettings;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfig;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfigBuilder;
import org.apache.spark.streaming.kinesis.internal.receiver.JavaFunctionRecordConverter;
import org.apache.spark.streaming.kinesis.internal.scalacompat.ScalaInterop;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.SparkTestContext;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** The batch RDD serves blocks from Spark while they exist and re-reads them from Kinesis when they do not. */
@ExtendWith(LocalStackExtension.class)
class KinesisBackedBlockRDDIT {

    private static int nextBlockId = 1;

    private SparkContext sc;
    private LongAccumulator reread;

    @BeforeEach
    void sparkContext() {
        sc = SparkTestContext.sparkContext().sc();
        reread = sc.longAccumulator("re-read");
    }

    @Test
    void lostBlocksAreReadFromKinesisWithTheHandlerApplied(LocalStack stack) {
        Fixture fixture = new Fixture(stack);

        List<String> values = fixture.rdd(true, true, true).toJavaRDD().collect();

        assertThat(values).containsExactlyInAnyOrderElementsOf(fixture.expected());
        assertThat(fixture.inShardOrder(values)).isTrue();
        assertThat(reread.value()).isEqualTo(fixture.expected().size());
    }

    @Test
    void blocksKnownToBeGoneKeepOnePartitionPerBlockInTheBatchsOrder(LocalStack stack) {
        Fixture fixture = new Fixture(stack);

        List<List<String>> partitions = fixture.rdd(false, false, false).toJavaRDD().glom().collect();

        assertThat(partitions).containsExactly(fixture.expected(0), fixture.expected(1), fixture.expected(2));
        assertThat(reread.value()).isEqualTo(fixture.expected().size());
    }

    @Test
    void aLostBlockCombiningSeveralShardsIsReadBackPartByPartInItsOrder(LocalStack stack) {
        Fixture fixture = new Fixture(stack);
        // As a receiver combines shard blocks that arrive during a store: shard B's block, then shard A's first.
        SequenceNumberRanges combined = SequenceNumberRanges.combine(List.of(
                SequenceNumberRanges.stored(fixture.ranges[2].ranges().get(0), 0L, "worker/B/1"),
                SequenceNumberRanges.stored(fixture.ranges[0].ranges().get(0), 5L, "worker/A/1")));

        List<List<String>> partitions = fixture.rdd(new BlockId[] {new StreamBlockId(9_999, nextBlockId++)},
                new SequenceNumberRanges[] {combined}, false).toJavaRDD().glom().collect();

        List<String> expected = new ArrayList<>(fixture.expected(2));
        expected.addAll(fixture.expected(0));
        assertThat(partitions).containsExactly(expected);
        assertThat(reread.value()).isEqualTo(expected.size());
    }

    @Test
    void reReadingThrottledCallsSucceedsWithinTheRetrySettings(LocalStack stack) {
        try (FaultInjectingProxy kinesis = FaultInjectingProxy.start(stack.kinesisEndpoint())) {
            Fixture fixture = new Fixture(Blocks.twoShards(stack), kinesis.endpoint());
            // Every other call throttled, and then throttled for the rest of a one-second window, as Kinesis does.
            kinesis.throttleEvery("GetRecords", 2).throttleEvery("GetShardIterator", 2)
                    .throttlingWindow(Duration.ofSeconds(1));
            KinesisBackedBlockRDD<String> rdd = fixture.rdd(false, false, false);

            // One partition at a time (toLocalIterator), so that each sees the proxy's throttling as if alone.
            List<String> values = new ArrayList<>();
            rdd.toJavaRDD().toLocalIterator().forEachRemaining(values::add);

            System.err.println("Re-read through throttling: proxy calls " + kinesis.calls() + ", injected "
                    + kinesis.injectedErrors());
            assertThat(values).containsExactlyElementsOf(Stream.of(fixture.expected(0), fixture.expected(1),
                    fixture.expected(2)).flatMap(List::stream).toList());
            assertThat(kinesis.injectedErrors().get("ProvisionedThroughputExceededException")).isEqualTo(6);
        }
    }

    @Test
    void aLargeBlockIsReadAPageAtATimeAskingOnlyForWhatItNeeds(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("large-block", 1);
        List<ProducedRecord> produced = stack.streams().putRecords(stream, TestPayloads.numbered("big", 3_000));
        try (FaultInjectingProxy kinesis = FaultInjectingProxy.start(stack.kinesisEndpoint())) {
            kinesis.recordField("GetRecords", "Limit");
            Fixture fixture = new Fixture(new Blocks(stream, produced, List.of(produced)), kinesis.endpoint());

            List<String> firstTen = fixture.rdd(false).toJavaRDD().mapPartitions(values -> {
                List<String> taken = new ArrayList<>();
                while (taken.size() < 10 && values.hasNext()) {
                    taken.add(values.next());
                }
                return taken.iterator();
            }).collect();

            assertThat(firstTen).containsExactlyElementsOf(fixture.expected(0).subList(0, 10));
            assertThat(kinesis.recordedField("GetRecords", "Limit"))
                    .as("the first ten records cost one GetRecords call, asking for the block's 3,000 records")
                    .containsExactly(3_000L);
            assertThat(fixture.rdd(false).toJavaRDD().collect()).containsExactlyElementsOf(fixture.expected(0));
            assertThat(kinesis.recordedField("GetRecords", "Limit")).allMatch(limit -> limit <= 3_000);
        }
    }

    @Test
    void aBlockStillInSparkIsServedFromTheBlockManager(LocalStack stack) {
        Fixture fixture = new Fixture(stack);
        List<String> inSpark = List.of("from-the-block-manager");
        SparkEnv.get().blockManager().putIterator(fixture.blockIds[0], ScalaInterop.asScalaIterator(inSpark.iterator()),
                StorageLevel.MEMORY_ONLY(), true, ScalaInterop.classTag(String.class));

        List<String> values = fixture.rdd(true, true, true).toJavaRDD().collect();

        assertThat(values).contains("from-the-block-manager").hasSize(fixture.expected().size()
                - fixture.ranges[0].recordCount() + 1);
        SparkEnv.get().blockManager().removeBlock(fixture.blockIds[0], true);
    }

    /** Records put into a stream, cut into blocks. */
    private record Blocks(String stream, List<ProducedRecord> produced, List<List<ProducedRecord>> blocks) {

        /** Two shards, three blocks: shard A's records cut into two blocks, shard B's in one. */
        static Blocks twoShards(LocalStack stack) {
            String stream = stack.streams().createUniqueStream("rdd", 2);
            List<ProducedRecord> produced = stack.streams().putRecords(stream, TestPayloads.numbered("rdd", 40));
            List<List<ProducedRecord>> shards = new ArrayList<>(produced.stream()
                    .collect(Collectors.groupingBy(ProducedRecord::shardId)).values());
            List<ProducedRecord> a = shards.get(0);
            int cut = a.size() / 2;
            return new Blocks(stream, produced, List.of(a.subList(0, cut), a.subList(cut, a.size()), shards.get(1)));
        }
    }

    /** Blocks, their ids and ranges, and the RDD over them. */
    private final class Fixture {
        final String stream;
        final List<ProducedRecord> produced;
        final List<List<ProducedRecord>> blocks;
        final BlockId[] blockIds;
        final SequenceNumberRanges[] ranges;
        final KinesisConsumerConfig config;

        Fixture(LocalStack stack) {
            this(Blocks.twoShards(stack), stack.kinesisEndpoint());
        }

        /** Blocks read from Kinesis at {@code endpoint}. */
        Fixture(Blocks blocks, URI endpoint) {
            this.stream = blocks.stream();
            this.produced = blocks.produced();
            this.blocks = blocks.blocks();
            this.blockIds = new BlockId[this.blocks.size()];
            this.ranges = new SequenceNumberRanges[this.blocks.size()];
            for (int i = 0; i < this.blocks.size(); i++) {
                ranges[i] = SequenceNumberRanges.of(range(this.blocks.get(i)));
                blockIds[i] = new StreamBlockId(9_999, nextBlockId++);
            }
            config = new KinesisConsumerConfigBuilder()
                    .streamName(stream)
                    .checkpointAppName("rdd-test")
                    .endpointUrl(endpoint.toString())
                    .regionName(LocalStack.REGION.id())
                    .kinesisCredentials(LocalStackDStreams.credentials())
                    .build();
        }

        SequenceNumberRange range(List<ProducedRecord> records) {
            ProducedRecord first = records.get(0);
            ProducedRecord last = records.get(records.size() - 1);
            return new SequenceNumberRange(stream, first.shardId(), new RecordPosition(first.sequenceNumber(), 0),
                    new RecordPosition(last.sequenceNumber(), 0), records.size());
        }

        KinesisBackedBlockRDD<String> rdd(boolean... mayExist) {
            return rdd(blockIds, ranges, mayExist);
        }

        KinesisBackedBlockRDD<String> rdd(BlockId[] ids, SequenceNumberRanges[] blockRanges, boolean... mayExist) {
            JavaFunctionRecordConverter<String> toText = new JavaFunctionRecordConverter<>(
                    (KinesisClientRecord record) -> "text:" + java.nio.charset.StandardCharsets.UTF_8
                            .decode(record.data()));
            return new KinesisBackedBlockRDD<>(sc, ids, blockRanges, mayExist, config, toText,
                    new KinesisRetrySettings(100, 3), reread, ScalaInterop.classTag(String.class));
        }

        List<String> expected() {
            return produced.stream().map(record -> "text:" + TestPayloads.text(record.data())).toList();
        }

        /** What block {@code i} holds, in order. */
        List<String> expected(int block) {
            return blocks.get(block).stream().map(record -> "text:" + TestPayloads.text(record.data())).toList();
        }

        /** Whether each shard's records appear in the order they were put. */
        boolean inShardOrder(List<String> values) {
            Map<String, List<String>> expectedPerShard = produced.stream().collect(Collectors.groupingBy(
                    ProducedRecord::shardId, Collectors.mapping(r -> "text:" + TestPayloads.text(r.data()),
                            Collectors.toList())));
            return expectedPerShard.values().stream().allMatch(shardValues ->
                    values.stream().filter(shardValues::contains).toList().equals(shardValues));
        }
    }
}
