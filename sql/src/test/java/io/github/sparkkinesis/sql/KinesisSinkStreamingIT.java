package io.github.sparkkinesis.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.sql.testing.SinkTestRows;
import io.github.sparkkinesis.sql.testing.SqlTestSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Streaming queries writing through the kinesis sink, from one stream into another, against kinesis-mock. */
@ExtendWith(LocalStackExtension.class)
class KinesisSinkStreamingIT {

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @Test
    void aQueryStoppedMidRunAndRestartedWritesEveryInputRowAtLeastOnce(LocalStack stack) throws Exception {
        String input = stack.streams().createUniqueStream("copy-in", 2);
        String output = stack.streams().createUniqueStream("copy-out", 2);
        List<byte[]> payloads = TestPayloads.numbered("c", 1500);
        stack.streams().putRecords(input, payloads);
        Path checkpoint = Files.createTempDirectory("sink-checkpoint");

        StreamingQuery first = copy(stack, input, output, checkpoint)
                .trigger(Trigger.ProcessingTime(100, TimeUnit.MILLISECONDS)).start();
        // Stopped while it is still copying: its last batch may be cut off in the middle of writing.
        Eventually.await(TIMEOUT, () -> first.lastProgress() != null && first.lastProgress().batchId() >= 2,
                () -> "the first query never finished 3 batches: " + first.lastProgress());
        first.stop();
        StreamingQuery second = copy(stack, input, output, checkpoint).trigger(Trigger.AvailableNow()).start();
        assertThat(second.awaitTermination(TIMEOUT.toMillis())).isTrue();

        Set<String> written = new HashSet<>(TestPayloads.texts(SinkTestRows.readAll(stack, output).stream()
                .map(row -> row.<byte[]>getAs("data")).toList()));
        assertThat(written).containsAll(TestPayloads.texts(payloads));
        Map<String, String> metrics = second.lastProgress().sink().metrics();
        assertThat(metrics).containsKeys("recordsWritten", "bytesWritten", "recordsRetried", "throttledCalls");
    }

    @Test
    void anAggregationInUpdateModeWritesItsUpdatedRows(LocalStack stack) throws Exception {
        String input = stack.streams().createUniqueStream("counts-in", 1);
        String output = stack.streams().createUniqueStream("counts-out", 1);
        stack.streams().putRecords(input, TestPayloads.numbered("u", 30));
        Path checkpoint = Files.createTempDirectory("sink-update");

        StreamingQuery query = SinkTestRows.sinkOptions(SqlTestSession.kinesis(stack, input)
                .option("initialPosition", "trim_horizon")
                .load()
                .groupBy("partitionKey").count()
                .selectExpr("partitionKey", "cast(count as string) as data")
                .writeStream().format("kinesis").outputMode("update"), stack, output,
                        Map.of("checkpointLocation", checkpoint.toString()))
                .trigger(Trigger.AvailableNow())
                .start();
        assertThat(query.awaitTermination(TIMEOUT.toMillis())).isTrue();

        long counted = SinkTestRows.readAll(stack, output).stream()
                .mapToLong(row -> Long.parseLong(new String(row.<byte[]>getAs("data"),
                        java.nio.charset.StandardCharsets.UTF_8)))
                .sum();
        assertThat(counted).isEqualTo(30);
    }

    private static DataStreamWriter<org.apache.spark.sql.Row> copy(LocalStack stack, String input, String output,
            Path checkpoint) {
        return SinkTestRows.sinkOptions(SqlTestSession.kinesis(stack, input)
                .option("initialPosition", "trim_horizon")
                .option("maxRecordsPerTrigger", "200")
                .load()
                .selectExpr("partitionKey", "data")
                .writeStream().format("kinesis"), stack, output,
                Map.of("checkpointLocation", checkpoint.toString()));
    }
}
