package io.github.sparkkinesis.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStackScript;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import io.github.sparkkinesis.localstack.Eventually;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples as the README has a newcomer run them: the local stack from {@code local-stack/bin/local-stack}
 * (start, create-stream, and its {@code env} settings in the shell), then {@code examples/bin/run-example} for the
 * word count and the producer, on the class path the build wrote; and the demo's program, which
 * {@code mvn -Pdemo} runs.
 */
class RunExampleIT {

    /** Generous: Spark starting on two busy cores, then the KCL taking its leases. Only a failure waits that long. */
    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    /** A count the word count printed of a word the producer sends, e.g. "(kinesis,12)". */
    private static final Pattern PRODUCED_WORD_COUNTED = Pattern.compile(
            "^\\((" + String.join("|", KinesisWordProducer.WORDS) + "),\\d+\\)$", Pattern.MULTILINE);

    @TempDir
    static Path work;

    private static LocalStackScript stack;
    private static String endpoint;

    @BeforeAll
    static void startTheLocalStack() {
        stack = LocalStackScript.onFreePorts(work.resolve("run"));
        LocalStackScript.Result start = stack.run("start");
        assertThat(start.exitCode()).as(start.output()).isZero();
        endpoint = stack.environment().get("AWS_ENDPOINT_URL_KINESIS");
    }

    @AfterAll
    static void stopTheLocalStack() {
        stack.close();
    }

    /** The shell of a user who ran eval "$(local-stack/bin/local-stack env)", plus Spark settings of the build. */
    private static Map<String, String> shell(String sparkSettings) {
        Map<String, String> environment = new HashMap<>(stack.environment());
        environment.put("JAVA_OPTS", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir")
                + " -Dspark.ui.enabled=false " + sparkSettings);
        return environment;
    }

    private static String createStream(String prefix, int shards) {
        String stream = KinesisStreamFixture.uniqueName(prefix);
        LocalStackScript.Result create = stack.run("create-stream", stream, Integer.toString(shards));
        assertThat(create.exitCode()).as(create.output()).isZero();
        return stream;
    }

    @Test
    void theWordCountCountsWhatTheProducerSendsWithTheDefaultMaster() {
        String stream = createStream("words", 2);

        try (RunExample wordCount = RunExample.start(work, shell(""), "KinesisWordCount",
                KinesisStreamFixture.uniqueName("word-count"), stream, endpoint, "us-east-1");
                RunExample producer = RunExample.start(work, shell(""), "KinesisWordProducer", stream, endpoint,
                        "20", "5", Long.toString(TIMEOUT.toSeconds()))) {
            // The word count starts at LATEST: what the producer sends before the receivers read is not counted.
            Eventually.await(TIMEOUT, () -> PRODUCED_WORD_COUNTED.matcher(wordCount.output()).find(),
                    () -> "no word of the producer counted; word count:\n" + wordCount.output() + "\nproducer:\n"
                            + producer.output());

            // On this 2-core machine, 2 receivers: the example chose a master with cores left for the batches,
            // and sent no metrics to a CloudWatch that is not there.
            assertThat(wordCount.output()).contains("KinesisWordCount: KCL metrics NONE")
                    .doesNotContain("UnknownHostException").doesNotContain("monitoring.");
            assertThat(producer.output()).contains("Sent 20 records with 5 words each");
        }
    }

    @Test
    void theDemoCountsEveryWordSent() {
        // What mvn -Pdemo runs after the build (README's first command), on its own local stack, for 5 s.
        try (RunExample demo = RunExample.start(work, shell(""), "LocalWordCountDemo", "5")) {
            assertThat(demo.awaitExit(TIMEOUT)).as(demo.output()).isZero();
            demo.output().lines().filter(line -> line.startsWith("== ")).forEach(System.out::println);
            assertThat(demo.output()).contains("== Demo finished: every word sent was counted");
        }
    }

    @Test
    void aMissingStreamEndsEitherExampleWithTheCommandThatCreatesIt() {
        String missing = KinesisStreamFixture.uniqueName("missing");
        String create = "local-stack/bin/local-stack create-stream " + missing + " 2";

        try (RunExample wordCount = RunExample.start(work, shell(""), "KinesisWordCount", "app", missing, endpoint,
                "us-east-1");
                RunExample producer = RunExample.start(work, shell(""), "KinesisWordProducer", missing, endpoint,
                        "10", "2")) {
            assertThat(wordCount.awaitExit(TIMEOUT)).isEqualTo(1);
            assertThat(wordCount.output()).contains("Kinesis stream '" + missing + "' does not exist at " + endpoint)
                    .contains(create).doesNotContain("ResourceNotFoundException");
            assertThat(producer.awaitExit(TIMEOUT)).isEqualTo(1);
            assertThat(producer.output()).contains("Kinesis stream '" + missing + "' does not exist at " + endpoint)
                    .contains(create).doesNotContain("ResourceNotFoundException");
        }
    }

    @Test
    void aMasterWithNoCoreLeftForBatchesEndsTheWordCountSayingWhatToChange() {
        String stream = createStream("cores", 2);

        try (RunExample wordCount = RunExample.start(work, shell("-Dspark.master=local[2]"), "KinesisWordCount",
                "app", stream, endpoint, "us-east-1")) {
            assertThat(wordCount.awaitExit(TIMEOUT)).isEqualTo(1);
            assertThat(wordCount.output())
                    .contains("starts 2 receivers (one per shard of stream '" + stream + "')")
                    .contains("master local[2] has 2 cores, which leaves none to run the batches")
                    .contains("--master local[3]");
        }
    }
}
