package io.github.sparkkinesis.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.streaming.kinesis.testing.ChildJvm;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.SparkDistribution;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * One run of {@code StreamThroughBothApisApp} (assembly/src/submitted, compiled by the build against the Spark 3.5
 * distribution's jars and the assembly) through {@code SparkSubmit}, on the distribution's jars alone: a stream of
 * two shards holding {@value #RECORDS} records is read by the Structured Streaming source and then by a DStream,
 * and both must have every record; the driver and an executor must have loaded Guava from Spark's Guava 14.
 */
final class SubmittedBothApisRun {

    /** The class path file of the Spark 3.5 distribution of this module's Scala line, written by the build. */
    static final String DISTRIBUTION_PROPERTY = "spark35.distribution.classpath";

    /** Generous: on a busy 2-core machine the JVMs, the cluster and the KCL's lease table take a while. */
    private static final Duration TIMEOUT = Duration.ofSeconds(420);
    private static final int RECORDS = 100;
    private static final String APPLICATION = "io.github.sparkkinesis.assembly.app.StreamThroughBothApisApp";
    /** What the application prints once both reads are done (a crash does not print it). */
    private static final String DONE = "StreamThroughBothApisApp: both reads finished";
    /** The Guava every Spark 3.5 distribution ships in jars/, first on the class path. */
    private static final String SPARKS_GUAVA = "guava-14.0.1.jar";

    private SubmittedBothApisRun() {
    }

    /**
     * Submits the application to {@code master} with {@code deployArgs} (how the assembly gets there, and any
     * configuration), waits for it to exit and checks what both APIs read.
     */
    static void submit(LocalStack stack, Path work, String master, String... deployArgs) throws IOException {
        String stream = stack.streams().createUniqueStream("spark35", 2);
        List<ProducedRecord> sent = stack.streams().putRecords(stream, TestPayloads.numbered("row", RECORDS));
        SparkDistribution spark = SparkDistribution.layOut(work.resolve("spark-home"),
                Paths.get(SparkSubmitOnSpark35IT.requiredProperty(DISTRIBUTION_PROPERTY)));
        AwsCredentials credentials = stack.credentials().resolveCredentials();
        Path output = work.resolve("output");

        List<String> args = new ArrayList<>(List.of("--master", master,
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                // Executors on a cluster do not see the submitting shell's environment.
                "--conf", "spark.executorEnv.AWS_ACCESS_KEY_ID=" + credentials.accessKeyId(),
                "--conf", "spark.executorEnv.AWS_SECRET_ACCESS_KEY=" + credentials.secretAccessKey(),
                "--class", APPLICATION));
        args.addAll(List.of(deployArgs));
        args.addAll(List.of(SparkSubmitOnSpark35IT.requiredProperty("spark35.application.jar"),
                stream, stack.kinesisEndpoint().toString(), stack.dynamoDbEndpoint().toString(),
                LocalStack.REGION.id(), output.toString(), work.resolve("checkpoint").toString(),
                KinesisStreamFixture.uniqueName("spark35"), Integer.toString(RECORDS)));
        Map<String, String> environment = SubmitEnvironment.of(spark, credentials);

        try (ChildJvm submit = ChildJvm.start("org.apache.spark.deploy.SparkSubmit", spark.classpath(), environment,
                work.resolve("spark-submit.log"), args.toArray(String[]::new))) {
            Eventually.await(TIMEOUT, () -> !submit.isAlive(),
                    () -> "spark-submit still running; log " + submit.log());
            String log = read(submit.log());
            assertThat(log).as("log " + submit.log()).contains(DONE);
            assertThat(log).as("Spark's Guava first; log " + submit.log())
                    .containsPattern("Guava in the driver: \\S*" + SPARKS_GUAVA)
                    .containsPattern("Guava in an executor: \\S*" + SPARKS_GUAVA);
        }

        List<FileSinkRows.Row> expectedRows = sent.stream().map(record -> new FileSinkRows.Row(
                new String(record.data(), StandardCharsets.UTF_8), record.shardId(), record.sequenceNumber()))
                .toList();
        assertThat(FileSinkRows.read(output.resolve("sql"))).containsExactlyInAnyOrderElementsOf(expectedRows);
        assertThat(Files.readAllLines(output.resolve("dstream.txt"), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrderElementsOf(expectedRows.stream().map(FileSinkRows.Row::text).toList());
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
