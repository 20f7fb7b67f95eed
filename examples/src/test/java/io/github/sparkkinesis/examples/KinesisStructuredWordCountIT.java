package io.github.sparkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.streaming.kinesis.testing.ChildJvm;
import io.github.sparkkinesis.localstack.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * {@link KinesisStructuredWordCount} as documented: its own JVM, the local stack, credentials from the environment,
 * {@link KinesisWordProducer} sending words before and while it runs; its console output ends up with the count of
 * every word sent.
 */
@ExtendWith(LocalStackExtension.class)
class KinesisStructuredWordCountIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final int RECORDS_PER_SECOND = 20;
    private static final int WORDS_PER_RECORD = 5;

    @Test
    void theExamplePrintsTheCountOfEveryWordSentBeforeAndWhileItRuns(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("words", 2);
        KinesisWordProducer producer = new KinesisWordProducer(stack.kinesisClient(), stream);
        // Sent before the query starts: read because the example starts at trim_horizon.
        Map<String, Long> sent = new TreeMap<>(producer.run(RECORDS_PER_SECOND, WORDS_PER_RECORD, 1));
        AwsCredentials credentials = stack.credentials().resolveCredentials();
        Map<String, String> environment = Map.of(
                "AWS_ACCESS_KEY_ID", credentials.accessKeyId(),
                "AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
        Path log = Files.createTempFile("structured-word-count", ".log");

        try (ChildJvm example = ChildJvm.start(KinesisStructuredWordCount.class.getName(), ChildJvm.testClasspath(),
                environment, log, stream, stack.kinesisEndpoint().toString(), LocalStack.REGION.id())) {
            Eventually.await(TIMEOUT, () -> ConsoleCounts.lastBatch(log).equals(sent),
                    () -> "printed " + ConsoleCounts.lastBatch(log) + ", sent " + sent + "; log " + log);

            producer.run(RECORDS_PER_SECOND, WORDS_PER_RECORD, 2)
                    .forEach((word, count) -> sent.merge(word, count, Long::sum));
            Eventually.await(TIMEOUT, () -> ConsoleCounts.lastBatch(log).equals(sent),
                    () -> "printed " + ConsoleCounts.lastBatch(log) + ", sent " + sent + "; log " + log);
            assertThat(example.isAlive()).isTrue();
        }
    }
}
