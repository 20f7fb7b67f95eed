package io.github.sparkkinesis.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkkinesis.localstack.KplAggregatedRecord;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.sql.testing.BatchRecorder;
import io.github.sparkkinesis.sql.testing.SqlTestSession;
import io.github.sparkkinesis.sql.testing.StartedQueries;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryException;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reading with the kinesis source, against kinesis-mock: positions, triggers, limits, aggregates, metrics, errors. */
@ExtendWith(LocalStackExtension.class)
class KinesisSourceIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @RegisterExtension
    final StartedQueries queries = new StartedQueries();


    @Test
    void availableNowReadsEveryRecordOfFourShardsOnceThenStops(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("source", 4);
        List<byte[]> payloads = TestPayloads.numbered("s", 400);
        stack.streams().putRecords(stream, payloads);
        String table = "kinesis_" + System.nanoTime();

        StreamingQuery query = queries.started(SqlTestSession.kinesis(stack, stream)
                .option("initialPosition", "trim_horizon")
                .load()
                .writeStream().format("memory").queryName(table)
                .trigger(Trigger.AvailableNow())
                .start());

        assertThat(query.awaitTermination(TIMEOUT.toMillis())).isTrue();
        List<Row> rows = SqlTestSession.spark().sql("select * from " + table).collectAsList();
        assertThat(TestPayloads.checksum(rows.stream().map(row -> (byte[]) row.getAs("data")).toList()))
                .isEqualTo(TestPayloads.checksum(payloads));
        Row first = rows.get(0);
        assertThat((String) first.getAs("stream")).isEqualTo(stream);
        assertThat((String) first.getAs("shardId")).startsWith("shardId-");
        assertThat((String) first.getAs("sequenceNumber")).matches("\\d+");
        assertThat((String) first.getAs("partitionKey")).isNotEmpty();
        assertThat((java.sql.Timestamp) first.getAs("approximateArrivalTimestamp")).isNotNull();
    }

    @Test
    void availableNowWithARecordLimitRunsBatchesWithinItThenStops(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("limited", 4);
        List<String> payloads = TestPayloads.texts(TestPayloads.numbered("l", 400));
        stack.streams().putRecords(stream, TestPayloads.numbered("l", 400));
        BatchRecorder batches = new BatchRecorder();

        StreamingQuery query = queries.started(SqlTestSession.kinesis(stack, stream)
                .option("initialPosition", "trim_horizon")
                .option("maxRecordsPerTrigger", "100")
                .load()
                .writeStream().foreachBatch(batches)
                .trigger(Trigger.AvailableNow())
                .start());

        assertThat(query.awaitTermination(TIMEOUT.toMillis())).isTrue();
        assertThat(batches.batches()).allSatisfy(batch -> assertThat(batch.texts()).hasSizeLessThanOrEqualTo(100));
        assertThat(batches.batches()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(batches.texts()).containsExactlyInAnyOrderElementsOf(payloads);
    }

    @Test
    void aRecordLimitHoldsInEveryBatchOfARunningQuery(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("per-trigger", 2);
        List<String> payloads = TestPayloads.texts(TestPayloads.numbered("t", 300));
        stack.streams().putRecords(stream, TestPayloads.numbered("t", 300));
        BatchRecorder batches = new BatchRecorder();

        queries.started(SqlTestSession.kinesis(stack, stream)
                .option("initialPosition", "earliest")
                .option("maxRecordsPerTrigger", "50")
                .load()
                .writeStream().foreachBatch(batches)
                .trigger(Trigger.ProcessingTime(200, TimeUnit.MILLISECONDS))
                .start());

        Eventually.await(TIMEOUT, () -> new HashSet<>(batches.texts()).containsAll(payloads),
                () -> batches.texts().size() + " of " + payloads.size());
        assertThat(batches.batches()).allSatisfy(batch -> assertThat(batch.texts()).hasSizeLessThanOrEqualTo(50));
        assertThat(batches.texts()).hasSameSizeAs(payloads);
    }

    @Test
    void latestReadsOnlyRecordsPutAfterTheQueryStarted(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("latest", 2);
        stack.streams().putRecords(stream, TestPayloads.numbered("before", 50));
        BatchRecorder batches = new BatchRecorder();
        StreamingQuery query = queries.started(SqlTestSession.kinesis(stack, stream)
                .load()
                .writeStream().foreachBatch(batches)
                .trigger(Trigger.ProcessingTime(200, TimeUnit.MILLISECONDS))
                .start());
        // The initial offset is taken when the first batch is planned.
        Eventually.await(TIMEOUT, () -> query.recentProgress().length > 0, () -> "the query made no progress");

        List<String> after = TestPayloads.texts(TestPayloads.numbered("after", 50));
        stack.streams().putRecords(stream, TestPayloads.numbered("after", 50));

        Eventually.await(TIMEOUT, () -> new HashSet<>(batches.texts()).containsAll(after),
                () -> batches.texts().size() + " records read");
        assertThat(batches.texts()).noneMatch(text -> text.startsWith("before"));
    }

    @Test
    void atTimestampReadsFromThatTimeOn(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("timestamp", 2);
        stack.streams().putRecords(stream, TestPayloads.numbered("old", 50));
        Instant from = Instant.now();
        // Records put from here on must arrive strictly after 'from' (timestamps have millisecond precision).
        Eventually.await(TIMEOUT, () -> Instant.now().toEpochMilli() > from.toEpochMilli(), () -> "clock");
        List<String> recent = TestPayloads.texts(TestPayloads.numbered("new", 50));
        stack.streams().putRecords(stream, TestPayloads.numbered("new", 50));
        BatchRecorder batches = new BatchRecorder();

        StreamingQuery query = queries.started(SqlTestSession.kinesis(stack, stream)
                .option("initialPosition", "{\"at_timestamp\": \"" + from + "\"}")
                .load()
                .writeStream().foreachBatch(batches)
                .trigger(Trigger.AvailableNow())
                .start());

        assertThat(query.awaitTermination(TIMEOUT.toMillis())).isTrue();
        assertThat(batches.texts()).containsExactlyInAnyOrderElementsOf(recent);
    }

    @Test
    void kplAggregatesComeOutOneRowPerUserRecord(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("aggregated", 1);
        List<String> expected = new ArrayList<>();
        for (int a = 0; a < 5; a++) {
            KplAggregatedRecord aggregate = new KplAggregatedRecord();
            for (int i = 0; i < 20; i++) {
                String text = "agg-" + a + "-" + i;
                aggregate.add("aggregate-" + a, text.getBytes(StandardCharsets.UTF_8));
                expected.add(text);
            }
            stack.streams().putRecord(stream, aggregate.toBytes(), "aggregate-" + a, null);
        }
        BatchRecorder batches = new BatchRecorder();

        StreamingQuery query = queries.started(SqlTestSession.kinesis(stack, stream)
                .option("initialPosition", "trim_horizon")
                .option("maxRecordsPerTrigger", "30")
                .load()
                .writeStream().foreachBatch(batches)
                .trigger(Trigger.AvailableNow())
                .start());

        assertThat(query.awaitTermination(TIMEOUT.toMillis())).isTrue();
        assertThat(batches.texts()).containsExactlyElementsOf(expected);
    }

    @Test
    void theProgressReportsHowFarBehindTheShardsAre(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("lag", 2);
        stack.streams().putRecords(stream, TestPayloads.numbered("m", 100));
        BatchRecorder batches = new BatchRecorder();

        StreamingQuery query = queries.started(SqlTestSession.kinesis(stack, stream)
                .option("initialPosition", "trim_horizon")
                .load()
                .writeStream().foreachBatch(batches)
                .trigger(Trigger.ProcessingTime(200, TimeUnit.MILLISECONDS))
                .start());

        Eventually.await(TIMEOUT, () -> batches.texts().size() >= 100, () -> batches.texts().size() + " read");
        Eventually.await(TIMEOUT, () -> metrics(query).containsKey("avgMsBehindLatest"),
                () -> "metrics " + metrics(query));
        assertThat(metrics(query)).containsKeys("avgMsBehindLatest", "maxMsBehindLatest", "minMsBehindLatest");
        assertThat(Long.parseLong(metrics(query).get("maxMsBehindLatest"))).isNotNegative();
        assertThat(query.lastProgress().sources()[0].endOffset()).contains(stream).contains("shardId-");
    }

    @Test
    void aStreamThatDoesNotExistFailsTheQueryNamingIt(LocalStack stack) throws Exception {
        StreamingQuery query = queries.started(SqlTestSession.kinesis(stack, "no-such-stream")
                .load()
                .writeStream().format("memory").queryName("missing_" + System.nanoTime())
                .start());

        assertThatThrownBy(() -> query.awaitTermination(TIMEOUT.toMillis()))
                .isInstanceOf(StreamingQueryException.class)
                .hasMessageContaining("no-such-stream")
                .hasMessageContaining("does not exist");
    }

    private static Map<String, String> metrics(StreamingQuery query) {
        StreamingQueryProgress progress = query.lastProgress();
        return progress == null || progress.sources().length == 0 ? Map.of() : progress.sources()[0].metrics();
    }
}
