package io.github.sparkkinesis.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.sql.testing.FileSinkQueryApp;
import io.github.sparkkinesis.sql.testing.SqlTestSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.spark.streaming.kinesis.testing.BoundedProducer;
import org.apache.spark.streaming.kinesis.testing.ChildJvm;
import org.apache.spark.streaming.kinesis.testing.DeliveryReport;
import io.github.sparkkinesis.localstack.Eventually;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The query's driver is killed (SIGKILL) in the middle of a micro-batch and restarted from the same checkpoint: the
 * batch runs again with the same records, and the file sink holds every record exactly once.
 */
@ExtendWith(LocalStackExtension.class)
class ExactlyOnceIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int RECORDS = 300;

    private final List<ChildJvm> drivers = new ArrayList<>();

    @AfterEach
    void stopDrivers() {
        drivers.forEach(ChildJvm::close);
    }

    @Test
    void aBatchInterruptedByADriverCrashIsRunAgainWithTheSameRecords(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("exactly-once", 2);
        Path work = Files.createTempDirectory("exactly-once");
        Path checkpoint = work.resolve("checkpoint");
        Path output = work.resolve("output");
        try (BoundedProducer producer = BoundedProducer.start(stack, stream, "e", RECORDS, 60)) {
            ChildJvm first = driver(stack, stream, checkpoint, output, "first");
            // In the middle of a batch: its offsets are logged, its commit is not, and earlier ones ran.
            Eventually.await(TIMEOUT, () -> latest(checkpoint.resolve("commits")).orElse(-1) >= 2
                            && latest(checkpoint.resolve("offsets")).orElse(-1)
                            > latest(checkpoint.resolve("commits")).orElse(-1),
                    () -> "offsets " + latest(checkpoint.resolve("offsets")) + ", commits "
                            + latest(checkpoint.resolve("commits")) + "; log " + first.log());
            long interrupted = latest(checkpoint.resolve("offsets")).orElseThrow();
            first.kill();

            long restartedAt = System.nanoTime();
            ChildJvm second = driver(stack, stream, checkpoint, output, "second");
            List<String> produced = producer.awaitAll();
            Eventually.await(TIMEOUT, () -> new HashSet<>(committed(output)).containsAll(produced),
                    () -> committed(output).size() + " of " + produced.size() + " committed; log " + second.log());
            DeliveryReport report = DeliveryReport.of("driver killed in batch " + interrupted
                    + " and restarted from the checkpoint (file sink)", produced, committed(output),
                    (System.nanoTime() - restartedAt) / 1_000_000).print();

            assertThat(report.lost()).isZero();
            assertThat(report.duplicates()).as("records the file sink holds twice").isZero();
        }
    }

    private ChildJvm driver(LocalStack stack, String stream, Path checkpoint, Path output, String name)
            throws IOException {
        ChildJvm driver = ChildJvm.start(FileSinkQueryApp.class, Files.createTempFile("query-" + name, ".log"),
                stack.kinesisEndpoint().toString(), LocalStack.REGION.id(),
                LocalStack.CREDENTIALS.resolveCredentials().accessKeyId(),
                LocalStack.CREDENTIALS.resolveCredentials().secretAccessKey(), stream, checkpoint.toString(),
                output.toString(), "40", "1500");
        drivers.add(driver);
        return driver;
    }

    private static List<String> committed(Path output) {
        return Files.exists(output.resolve("_spark_metadata"))
                ? FileSinkQueryApp.committed(SqlTestSession.spark(), output.toString()) : List.of();
    }

    /** The highest batch id in a log folder of the checkpoint. */
    private static OptionalLong latest(Path log) {
        if (!Files.isDirectory(log)) {
            return OptionalLong.empty();
        }
        try (Stream<Path> files = Files.list(log)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("\\d+"))
                    .mapToLong(Long::parseLong).max();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
