package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.testing.BoundedProducer;
import org.apache.spark.streaming.kinesis.testing.DeliveryReport;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.LeaseCheckpoints;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.apache.spark.streaming.kinesis.testing.WarmUp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/** Splitting and merging shards while the stream is read: nothing lost, every parent read before its children. */
@ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
class ReshardingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @Test
    void splitAndMergeUnderReadLoseNothingAndReadParentsFirst(LocalStack stack, StreamingContexts contexts) {
        splitAndMergeWhileReading(stack, contexts, "reshard", (ssc, stream, app) ->
                LocalStackDStreams.builder(stack, ssc, stream, app));
    }

    /** How a resharding scenario builds its DStream of a stream for an application. */
    @FunctionalInterface
    interface DStreamOfStream {
        KinesisInputDStream.Builder builder(JavaStreamingContext ssc, String stream, String app);
    }

    /**
     * Splits one of two shards and merges a child with the other while a DStream of {@code reader} reads, 60
     * records before, between and after: every record arrives once, parents before children, closed shards are
     * checkpointed at their end (the polling and the enhanced fan-out tests share it).
     */
    static void splitAndMergeWhileReading(LocalStack stack, StreamingContexts contexts, String prefix,
            DStreamOfStream reader) {
        String stream = stack.streams().createUniqueStream(prefix, 2);
        String app = KinesisStreamFixture.uniqueName("app");
        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> sink = RecordSink.attach(reader.builder(ssc, stream, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .build().asJava());
        List<ProducedRecord> produced = new ArrayList<>(stack.streams().putRecords(stream,
                TestPayloads.numbered("before", 60)));
        ssc.start();
        awaitCount(sink, produced.size());

        List<String> initial = stack.streams().openShardIds(stream);
        List<String> splitChildren = stack.streams().splitShard(stream, initial.get(0));
        produced.addAll(stack.streams().putRecords(stream, TestPayloads.numbered("after-split", 60)));
        awaitCount(sink, produced.size());

        String merged = stack.streams().mergeShards(stream, splitChildren.get(1), initial.get(1));
        produced.addAll(stack.streams().putRecords(stream, TestPayloads.numbered("after-merge", 60)));
        awaitCount(sink, produced.size());
        // Before counting duplicates: the open shards' checkpoints reach their last records, so every delivery of
        // a record has been collected and nothing more will come.
        List<String> open = stack.streams().openShardIds(stream);
        LeaseCheckpoints.awaitCaughtUp(stack, app,
                produced.stream().filter(record -> open.contains(record.shardId())).toList(), TIMEOUT);

        List<byte[]> received = sink.records();
        assertThat(TestPayloads.checksum(received))
                .isEqualTo(TestPayloads.checksum(produced.stream().map(ProducedRecord::data).toList()));
        assertThat(received).hasSameSizeAs(produced);
        assertParentsReadBeforeChildren(stack.streams().shards(stream), produced, received);
        Map<String, ExtendedSequenceNumber> checkpoints = stack.leaseTables().checkpoints(app);
        for (String parent : List.of(initial.get(0), initial.get(1), splitChildren.get(1))) {
            assertThat(checkpoints.get(parent)).as("checkpoint of closed shard %s", parent)
                    .isEqualTo(ExtendedSequenceNumber.SHARD_END);
        }
        assertThat(checkpoints).containsKeys(splitChildren.get(0), merged);
    }

    @Test
    void splitAndMergeWhileRecordsKeepArriving(LocalStack stack, StreamingContexts contexts) throws Exception {
        String stream = stack.streams().createUniqueStream("reshard-load", 2);
        String app = KinesisStreamFixture.uniqueName("app");
        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> sink = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .build().asJava());
        ssc.start();
        List<String> initial = stack.streams().openShardIds(stream);
        // Records must keep arriving while the shards are split and merged: production starts once the receiver
        // reads, and goes on until records put into the split's and then the merge's children have been read
        // (its count is only a cap).
        WarmUp.await(stack, stream, TIMEOUT, () -> TestPayloads.texts(sink.records()),
                () -> sink.size() + " records received");
        List<ProducedRecord> produced;
        long reshardedAt;
        try (BoundedProducer producer = BoundedProducer.start(stack, stream, "load", 5000, 50)) {
            List<String> children = stack.streams().splitShard(stream, initial.get(0));
            awaitReadFrom(children, producer, sink);
            String merged = stack.streams().mergeShards(stream, children.get(1), initial.get(1));
            reshardedAt = System.nanoTime();
            awaitReadFrom(List.of(merged), producer, sink);
            producer.stop();
            produced = producer.awaitAllRecords();
        }
        List<String> expected = produced.stream().map(record -> TestPayloads.text(record.data())).toList();
        Eventually.await(TIMEOUT, () -> new HashSet<>(TestPayloads.texts(sink.records())).containsAll(expected),
                () -> new HashSet<>(TestPayloads.texts(sink.records())).size() + " of " + expected.size()
                        + " records arrived");
        List<byte[]> received = sink.records().stream()
                .filter(record -> !TestPayloads.text(record).equals(WarmUp.RECORD)).toList();
        DeliveryReport report = DeliveryReport.of("split and merge under load (50 records/s)", expected,
                TestPayloads.texts(received), (System.nanoTime() - reshardedAt) / 1_000_000).print();

        assertThat(report.lost()).isZero();
        assertParentsReadBeforeChildren(stack.streams().shards(stream), produced, received);
    }

    private static void assertParentsReadBeforeChildren(List<Shard> shards, List<ProducedRecord> produced,
            List<byte[]> received) {
        Map<String, String> shardOfPayload = new HashMap<>();
        produced.forEach(record -> shardOfPayload.put(TestPayloads.text(record.data()), record.shardId()));
        Map<String, Integer> firstArrival = new HashMap<>();
        Map<String, Integer> lastArrival = new HashMap<>();
        for (int i = 0; i < received.size(); i++) {
            String shard = shardOfPayload.get(TestPayloads.text(received.get(i)));
            firstArrival.putIfAbsent(shard, i);
            lastArrival.put(shard, i);
        }
        for (Shard child : shards) {
            for (String parent : new String[] {child.parentShardId(), child.adjacentParentShardId()}) {
                if (parent != null && lastArrival.containsKey(parent) && firstArrival.containsKey(child.shardId())) {
                    assertThat(lastArrival.get(parent))
                            .as("last record of parent %s arrives before the first of child %s", parent,
                                    child.shardId())
                            .isLessThan(firstArrival.get(child.shardId()));
                }
            }
        }
    }

    /** Waits until a record the producer put into one of {@code shards} has been received. */
    private static void awaitReadFrom(List<String> shards, BoundedProducer producer, RecordSink<byte[]> sink) {
        Eventually.await(TIMEOUT, () -> {
            Set<String> received = new HashSet<>(TestPayloads.texts(sink.records()));
            return producer.producedSoFar().stream().anyMatch(record -> shards.contains(record.shardId())
                    && received.contains(TestPayloads.text(record.data())));
        }, () -> "no record of shards " + shards + " received");
    }

    private static void awaitCount(RecordSink<byte[]> sink, int expected) {
        Eventually.await(TIMEOUT, () -> sink.size() >= expected,
                () -> sink.size() + " of " + expected + " records arrived");
    }
}
