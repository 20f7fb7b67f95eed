package io.github.sparkkinesis.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.streaming.kinesis.testing.ChildJvm;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.SparkDistribution;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The Structured Streaming source as users deploy it: Spark's {@code SparkSubmit} in its own JVM, on Spark's jars
 * alone, runs a query that only says {@code format("kinesis")}, with {@code --jars} = the assembly. Spark must find
 * the source through the assembly's merged service file, and the source must run on the assembly's relocated
 * libraries. The query copies a stream into JSON files with {@code Trigger.AvailableNow} and stops; the files hold
 * every record sent, once, with the shard and sequence number Kinesis gave it.
 */
@ExtendWith(LocalStackExtension.class)
class AssemblyStructuredStreamingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    /** The application, in src/submitted: compiled against Spark's jars only, so not on this test's class path. */
    private static final String APPLICATION = "io.github.sparkkinesis.assembly.app.KinesisToJsonFilesApp";
    /** What the application prints once its query has stopped by itself (a crash does not print it). */
    private static final String DONE = "KinesisToJsonFilesApp: query finished";

    @Test
    void anAvailableNowQueryReadsEveryRecordThroughSparkSubmitOnTheAssemblyAlone(LocalStack stack)
            throws IOException {
        String stream = stack.streams().createUniqueStream("submitted", 2);
        List<ProducedRecord> sent = stack.streams().putRecords(stream, TestPayloads.numbered("row", 300));
        Path work = Files.createTempDirectory("spark-submit-sql");
        SparkDistribution spark = SparkDistribution.layOut(work.resolve("spark-home"),
                Paths.get(requiredProperty("spark.distribution.classpath")));
        AwsCredentials credentials = stack.credentials().resolveCredentials();
        Map<String, String> environment = SubmitEnvironment.of(spark, credentials);
        Path output = work.resolve("output");

        try (ChildJvm submit = ChildJvm.start("org.apache.spark.deploy.SparkSubmit", spark.classpath(), environment,
                work.resolve("spark-submit.log"),
                "--master", "local[2]",
                "--conf", "spark.ui.enabled=false",
                "--class", APPLICATION,
                "--jars", requiredProperty("assembly.jar"),
                requiredProperty("query.app.jar"),
                stream, stack.kinesisEndpoint().toString(), LocalStack.REGION.id(), output.toString(),
                work.resolve("checkpoint").toString())) {
            // AvailableNow: the application ends by itself once it has read what the stream held at its start.
            Eventually.await(TIMEOUT, () -> !submit.isAlive(),
                    () -> "spark-submit still running; log " + submit.log());
            assertThat(read(submit.log())).as("log " + submit.log()).contains(DONE);
        }

        List<FileSinkRows.Row> expected = sent.stream().map(record -> new FileSinkRows.Row(
                new String(record.data(), StandardCharsets.UTF_8), record.shardId(), record.sequenceNumber()))
                .toList();
        assertThat(FileSinkRows.read(output)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String requiredProperty(String name) {
        return Objects.requireNonNull(System.getProperty(name),
                () -> "system property " + name + " (set by the build)");
    }
}
