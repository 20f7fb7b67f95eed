package org.apache.spark.streaming.kinesis.internal.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.storage.BlockId;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.storage.StreamBlockId;
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
    void blocksKnownToBeGoneAreReadInOnePassPerShard(LocalStack stack) {
        Fixture fixture = new Fixture(stack);

        KinesisBackedBlockRDD<String> rdd = fixture.rdd(false, false, false);

        assertThat(rdd.getPartitions()).as("one partition per shard").hasSize(2);
        List<String> values = rdd.toJavaRDD().collect();
        assertThat(values).containsExactlyInAnyOrderElementsOf(fixture.expected());
        assertThat(fixture.inShardOrder(values)).isTrue();
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

    /** Two shards, three blocks: shard A's records cut into two blocks, shard B's in one. */
    private final class Fixture {
        final String stream;
        final List<ProducedRecord> produced;
        final BlockId[] blockIds = new BlockId[3];
        final SequenceNumberRanges[] ranges = new SequenceNumberRanges[3];
        final KinesisConsumerConfig config;

        Fixture(LocalStack stack) {
            stream = stack.streams().createUniqueStream("rdd", 2);
            produced = stack.streams().putRecords(stream, TestPayloads.numbered("rdd", 40));
            Map<String, List<ProducedRecord>> byShard = produced.stream()
                    .collect(Collectors.groupingBy(ProducedRecord::shardId));
            List<List<ProducedRecord>> shards = new ArrayList<>(byShard.values());
            List<ProducedRecord> a = shards.get(0);
            List<ProducedRecord> b = shards.get(1);
            int cut = a.size() / 2;
            ranges[0] = SequenceNumberRanges.of(range(a.subList(0, cut)));
            ranges[1] = SequenceNumberRanges.of(range(a.subList(cut, a.size())));
            ranges[2] = SequenceNumberRanges.of(range(b));
            for (int i = 0; i < blockIds.length; i++) {
                blockIds[i] = new StreamBlockId(9_999, nextBlockId++);
            }
            config = new KinesisConsumerConfigBuilder()
                    .streamName(stream)
                    .checkpointAppName("rdd-test")
                    .endpointUrl(stack.kinesisEndpoint().toString())
                    .regionName(stack.region().id())
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
            JavaFunctionRecordConverter<String> toText = new JavaFunctionRecordConverter<>(
                    (KinesisClientRecord record) -> "text:" + java.nio.charset.StandardCharsets.UTF_8
                            .decode(record.data()));
            return new KinesisBackedBlockRDD<>(sc, blockIds, ranges, mayExist, config, toText,
                    new KinesisRetrySettings(100, 3), reread, ScalaInterop.classTag(String.class));
        }

        List<String> expected() {
            return produced.stream().map(record -> "text:" + TestPayloads.text(record.data())).toList();
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
