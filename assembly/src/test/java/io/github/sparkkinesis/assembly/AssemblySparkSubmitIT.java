package io.github.sparkkinesis.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
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
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.spark.streaming.kinesis.testing.ChildJvm;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.SparkDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The assembly as users deploy it: Spark's {@code SparkSubmit} in its own JVM, on Spark's jars alone (no connector,
 * no AWS SDK), runs the word-count example with {@code --jars} = the assembly against the local stack, and counts
 * every word sent.
 */
@ExtendWith(LocalStackExtension.class)
class AssemblySparkSubmitIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    /** KinesisWordCount prints at most ten pairs per batch, so these and the warm-up words stay below that. */
    private static final List<String> WORDS = List.of("alpha", "beta", "gamma", "delta", "epsilon");
    private static final String WARM_UP = "warmup";
    private static final Pattern COUNT = Pattern.compile("^\\((\\w+),(\\d+)\\)$", Pattern.MULTILINE);

    @Test
    void theWordCountRunsThroughSparkSubmitOnTheAssemblyAlone(LocalStack stack) throws IOException {
        String stream = stack.streams().createUniqueStream("words", 2);
        String app = KinesisStreamFixture.uniqueName("wordcount");
        Path work = Files.createTempDirectory("spark-submit");
        SparkDistribution spark = SparkDistribution.layOut(work.resolve("spark-home"),
                Paths.get(requiredProperty("spark.distribution.classpath")));
        AwsCredentials credentials = stack.credentials().resolveCredentials();
        Map<String, String> environment = SubmitEnvironment.of(spark, credentials, Map.of(
                "AWS_ENDPOINT_URL_DYNAMODB", stack.dynamoDbEndpoint().toString(),
                // No CloudWatch here: a closed loopback port makes the KCL's metrics calls fail at once.
                "AWS_ENDPOINT_URL_CLOUDWATCH", "http://127.0.0.1:1"));

        try (ChildJvm submit = ChildJvm.start("org.apache.spark.deploy.SparkSubmit", spark.classpath(), environment,
                work.resolve("spark-submit.log"),
                "--master", "local[4]",
                "--conf", "spark.ui.enabled=false",
                "--class", "io.github.sparkkinesis.examples.KinesisWordCount",
                "--jars", requiredProperty("assembly.jar"),
                requiredProperty("examples.jar"),
                app, stream, stack.kinesisEndpoint().toString(), LocalStack.REGION.id())) {
            // The example starts at LATEST: send the words once a warm-up word of each shard has been counted.
            List<Shard> shards = stack.streams().shards(stream);
            Eventually.await(TIMEOUT, () -> {
                for (int i = 0; i < shards.size(); i++) {
                    stack.streams().putRecord(stream, (WARM_UP + i).getBytes(StandardCharsets.UTF_8), "warm-up",
                            shards.get(i).hashKeyRange().startingHashKey());
                }
                Eventually.sleep(500);
                Map<String, Long> counted = counted(submit.log());
                return IntStream.range(0, shards.size()).allMatch(i -> counted.containsKey(WARM_UP + i));
            }, () -> "no warm-up word counted for every shard; log " + submit.log());

            Map<String, Long> sent = sendWords(stack, stream, 60);

            Eventually.await(TIMEOUT, () -> wordsCounted(submit.log()).equals(sent),
                    () -> "counted " + wordsCounted(submit.log()) + ", sent " + sent + "; log " + submit.log());
            assertThat(submit.isAlive()).isTrue();
        }
    }

    private static Map<String, Long> sendWords(LocalStack stack, String stream, int records) {
        Map<String, Long> sent = new TreeMap<>();
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            String line = WORDS.get(i % WORDS.size()) + " " + WORDS.get((i * 3 + 1) % WORDS.size());
            for (String word : line.split(" ")) {
                sent.merge(word, 1L, Long::sum);
            }
            payloads.add(line.getBytes(StandardCharsets.UTF_8));
        }
        stack.streams().putRecords(stream, payloads);
        return sent;
    }

    private static Map<String, Long> wordsCounted(Path log) {
        Map<String, Long> counts = counted(log);
        counts.keySet().removeIf(word -> word.startsWith(WARM_UP));
        return counts;
    }

    /** The word counts the example printed, summed over its batches. */
    private static Map<String, Long> counted(Path log) {
        Map<String, Long> counts = new TreeMap<>();
        try {
            Matcher matcher = COUNT.matcher(Files.readString(log, StandardCharsets.UTF_8));
            while (matcher.find()) {
                counts.merge(matcher.group(1), Long.parseLong(matcher.group(2)), Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return counts;
    }

    private static String requiredProperty(String name) {
        return Objects.requireNonNull(System.getProperty(name),
                () -> "system property " + name + " (set by the build)");
    }
}
