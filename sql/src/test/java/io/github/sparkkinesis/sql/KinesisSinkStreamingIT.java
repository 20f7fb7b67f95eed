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
import org.apache.spark.streaming.kinesis.testing.Eventually;
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

    private static DataStreamWriter<org.apache.spark.sql.Row> copy(LocalStack stack, String input, String output,
            Path checkpoint) {
        return SqlTestSession.kinesis(stack, input)
                .option("initialPosition", "trim_horizon")
                .option("maxRecordsPerTrigger", "200")
                .load()
                .selectExpr("partitionKey", "data")
                .writeStream().format("kinesis")
                .option("checkpointLocation", checkpoint.toString())
                .option("streamName", output)
                .option("endpoint", stack.kinesisEndpoint().toString())
                .option("region", LocalStack.REGION.id())
                .option("awsAccessKey", "local")
                .option("awsSecretKey", "local");
    }
}
