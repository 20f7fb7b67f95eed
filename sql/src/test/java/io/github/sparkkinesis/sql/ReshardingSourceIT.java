package io.github.sparkkinesis.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import io.github.sparkkinesis.sql.testing.BatchRecorder;
import io.github.sparkkinesis.sql.testing.SqlTestSession;
import io.github.sparkkinesis.sql.testing.StartedQueries;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.streaming.kinesis.testing.BoundedProducer;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Splits and merges, while the query runs and while it is stopped: every record is read exactly once, and a
 * parent is read to its end in earlier batches than any record of its children (so records of one partition key
 * keep their order).
 */
@ExtendWith(LocalStackExtension.class)
class ReshardingSourceIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    final StartedQueries queries = new StartedQueries();

    @Test
    void aSplitAndAMergeWhileTheQueryRunsLoseNothingAndKeepParentsFirst(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("reshard-running", 2);
        splitAndMergeWhileTheQueryRuns(stack, stream, batches -> start(stack, stream, batches,
                Trigger.ProcessingTime(300, TimeUnit.MILLISECONDS), Files.createTempDirectory("checkpoint")
                        .toString()));
    }

    /** Starts a query that hands its batches to a recorder. */
    @FunctionalInterface
    interface QueryOfRecorder {
        StreamingQuery start(BatchRecorder batches) throws Exception;
    }

    /**
     * Splits one of the stream's two shards, then merges the children, while a query reads what a producer puts
     * (500 records at 50/s): every record once, each partition key's records in order (the polling and the
     * enhanced fan-out tests share it).
     */
    static void splitAndMergeWhileTheQueryRuns(LocalStack stack, String stream, QueryOfRecorder query)
            throws Exception {
        BatchRecorder batches = new BatchRecorder();
        StreamingQuery running = query.start(batches);
        try (BoundedProducer producer = BoundedProducer.start(stack, stream, "r", 500, 50)) {
            Eventually.await(TIMEOUT, () -> batches.texts().size() >= 100, () -> batches.texts().size() + " read");
            List<String> shards = stack.streams().openShardIds(stream);
            List<String> children = stack.streams().splitShard(stream, shards.get(0));
            stack.streams().awaitActive(stream);
            Eventually.await(TIMEOUT, () -> batches.texts().size() >= 250, () -> batches.texts().size() + " read");
            stack.streams().mergeShards(stream, children.get(0), children.get(1));
            stack.streams().awaitActive(stream);

            List<ProducedRecord> produced = producer.awaitAllRecords();
            List<String> texts = produced.stream().map(record -> TestPayloads.text(record.data())).toList();
            Eventually.await(TIMEOUT, () -> new HashSet<>(batches.texts()).containsAll(texts),
                    () -> new HashSet<>(batches.texts()).size() + " of " + texts.size() + " read");
            assertThat(batches.texts()).hasSameSizeAs(texts);
            assertPartitionKeyOrder(produced, batches);
        }
        running.stop();
    }

    @Test
    void aStreamReshardedWhileTheQueryWasStoppedResumesWithoutLossOrError(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("reshard-stopped", 2);
        String checkpoint = Files.createTempDirectory("checkpoint").toString();
        List<String> first = TestPayloads.texts(TestPayloads.numbered("before", 100));
        stack.streams().putRecords(stream, TestPayloads.numbered("before", 100));
        BatchRecorder firstRun = new BatchRecorder();
        assertThat(start(stack, stream, firstRun, Trigger.AvailableNow(), checkpoint)
                .awaitTermination(TIMEOUT.toMillis())).isTrue();
        assertThat(firstRun.texts()).containsExactlyInAnyOrderElementsOf(first);

        List<String> shards = stack.streams().openShardIds(stream);
        stack.streams().putRecords(stream, TestPayloads.numbered("parents", 50));
        List<String> children = stack.streams().splitShard(stream, shards.get(0));
        stack.streams().awaitActive(stream);
        stack.streams().putRecords(stream, TestPayloads.numbered("split", 50));
        stack.streams().mergeShards(stream, children.get(0), children.get(1));
        stack.streams().awaitActive(stream);
        stack.streams().putRecords(stream, TestPayloads.numbered("merged", 50));

        BatchRecorder secondRun = new BatchRecorder();
        assertThat(start(stack, stream, secondRun, Trigger.AvailableNow(), checkpoint)
                .awaitTermination(TIMEOUT.toMillis())).isTrue();
        List<String> expected = new ArrayList<>(TestPayloads.texts(TestPayloads.numbered("parents", 50)));
        expected.addAll(TestPayloads.texts(TestPayloads.numbered("split", 50)));
        expected.addAll(TestPayloads.texts(TestPayloads.numbered("merged", 50)));
        assertThat(secondRun.texts()).containsExactlyInAnyOrderElementsOf(expected);
    }

    private StreamingQuery start(LocalStack stack, String stream, BatchRecorder batches, Trigger trigger,
            String checkpoint) throws Exception {
        return queries.started(SqlTestSession.kinesis(stack, stream)
                .option("initialPosition", "trim_horizon")
                .option("shardListRefreshInterval", "1s")
                .load()
                .writeStream().foreachBatch(batches)
                .option("checkpointLocation", checkpoint)
                .trigger(trigger)
                .start());
    }

    /** Records of one partition key were produced in order; they must come in batches in that order. */
    private static void assertPartitionKeyOrder(List<ProducedRecord> produced, BatchRecorder batches) {
        Map<String, Long> batchOf = new HashMap<>();
        batches.batches().forEach(batch -> batch.texts().forEach(text -> batchOf.putIfAbsent(text, batch.batchId())));
        Map<String, Long> lastBatchPerKey = new HashMap<>();
        for (ProducedRecord record : produced) {
            long batch = batchOf.get(TestPayloads.text(record.data()));
            Long previous = lastBatchPerKey.put(record.partitionKey(), batch);
            assertThat(previous == null || previous <= batch)
                    .as("record %s of key %s came in batch %s after batch %s", TestPayloads.text(record.data()),
                            record.partitionKey(), batch, previous)
                    .isTrue();
        }
    }
}
