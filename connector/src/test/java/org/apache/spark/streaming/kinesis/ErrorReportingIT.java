package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.streaming.StreamingContextState;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.testing.BatchFilesConsumerApp;
import org.apache.spark.streaming.kinesis.testing.ChildJvm;
import org.apache.spark.streaming.kinesis.testing.DeliveryReport;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.ReceiverErrors;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.SilentEndpoint;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Failures reach the user through Spark's receiver error reporting instead of a silent, empty stream; those that
 * restarting cannot fix stop the streaming context with an error that says what to do. Each error names the
 * service (STS, DynamoDB or Kinesis), its endpoint and the likely fix; settings that cannot work fail at build
 * time. Unreachable and silent services are loopback stand-ins: a closed port, and a {@link SilentEndpoint}.
 */
@ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
class ErrorReportingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final AtomicBoolean POISON_SEEN = new AtomicBoolean();
    private static final AtomicLong POISONED_AT_MILLIS = new AtomicLong();


    @Test
    void aStreamThatDoesNotExistIsReportedThenStopsTheStreamingContext(LocalStack stack, StreamingContexts contexts) {
        JavaStreamingContext ssc = contexts.create();
        ReceiverErrors errors = new ReceiverErrors();
        ssc.addStreamingListener(errors);
        RecordSink.attach(LocalStackDStreams.builder(stack, ssc, "no-such-stream", app()).build().asJava());

        ssc.start();

        Eventually.await(TIMEOUT, () -> errors.any("does not exist"), () -> String.valueOf(errors.messages()));
        assertThat(errors.messages()).anyMatch(message -> message.contains("no-such-stream"));
        // Retrying cannot create the stream: after five identical failures the application fails, as a failed
        // batch would, instead of restarting its receiver forever.
        assertThatThrownBy(() -> ssc.awaitTerminationOrTimeout(TIMEOUT.toMillis()))
                .isInstanceOf(KinesisReceiverException.class)
                .hasMessageContaining("Kinesis stream 'no-such-stream'")
                .hasMessageContaining("does not exist")
                .hasMessageContaining("5 attempts; set spark.streaming.kinesis.setupFailure.maxAttempts");
        Eventually.await(TIMEOUT, () -> ssc.getState() == StreamingContextState.STOPPED,
                () -> "the streaming context is " + ssc.getState());
    }

    @Test
    void aRecordTheHandlerAlwaysFailsOnStopsTheStreamingContextNamingTheRecord(LocalStack stack,
            StreamingContexts contexts) {
        String stream = stack.streams().createUniqueStream("poison-always", 1);
        List<ProducedRecord> produced = stack.streams().putRecords(stream, TestPayloads.numbered("q", 20));
        ProducedRecord poison = produced.get(7);
        JavaStreamingContext ssc = contexts.create();
        ReceiverErrors errors = new ReceiverErrors();
        ssc.addStreamingListener(errors);
        Function<KinesisClientRecord, String> alwaysFailsOnQ7 = record -> {
            String text = TestPayloads.text(record);
            if (text.equals("q-7")) {
                throw new IllegalStateException("cannot handle " + text);
            }
            return text;
        };
        RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app())
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .buildWithMessageHandler(alwaysFailsOnQ7, String.class)
                .asJava());

        ssc.start();

        assertThatThrownBy(() -> ssc.awaitTerminationOrTimeout(TIMEOUT.toMillis() * 2))
                .isInstanceOf(KinesisReceiverException.class)
                .hasMessageContaining("The message handler failed on record " + poison.sequenceNumber() + "/0")
                .hasMessageContaining("of shard " + poison.shardId() + " in stream " + stream)
                .hasMessageContaining("3 times in a row")
                .hasMessageContaining("cannot handle q-7");
        // Two restarts, then the stop: each reported to listeners (delivered asynchronously).
        Eventually.await(TIMEOUT, () -> errors.messages().stream().filter(m -> m.contains("cannot handle q-7"))
                .count() >= 3, () -> String.valueOf(errors.messages()));
    }

    @Test
    void withTheSkipActionARecordTheHandlerAlwaysFailsOnIsLeftOutAndEverythingElseArrives(LocalStack stack)
            throws Exception {
        String stream = stack.streams().createUniqueStream("poison-skip", 2);
        List<String> payloads = TestPayloads.texts(TestPayloads.numbered("s", 200));
        stack.streams().putRecords(stream, TestPayloads.numbered("s", 200));
        Path output = Files.createTempDirectory("batches");
        try (ChildJvm driver = ChildJvm.start(BatchFilesConsumerApp.class, Files.createTempFile("skip", ".log"),
                BatchFilesConsumerApp.arguments(stack.kinesisEndpoint().toString(),
                        stack.dynamoDbEndpoint().toString(), stream, app(), output, "failOn=s-42",
                        "conf.spark.streaming.kinesis.handlerFailure.action=skip",
                        "conf.spark.streaming.receiverRestartDelay=500"))) {
            List<String> expected = payloads.stream().filter(payload -> !payload.equals("s-42")).toList();
            Eventually.await(TIMEOUT, () -> new HashSet<>(BatchFilesConsumerApp.records(output)).containsAll(expected),
                    () -> BatchFilesConsumerApp.records(output).size() + " records seen; log " + driver.log());

            DeliveryReport.of("message handler always fails on one record, skip action", expected,
                    BatchFilesConsumerApp.records(output), 0).print();
            assertThat(BatchFilesConsumerApp.records(output)).doesNotContain("s-42");
            assertThat(Files.readString(driver.log())).contains("skipped it as spark.streaming.kinesis."
                    + "handlerFailure.action=skip asks");
        }
    }

    @Test
    void anUnreachableEndpointIsReported(LocalStack stack, StreamingContexts contexts) {
        // Nothing listens on port 1 (tcpmux): connections are refused at once. A random "free" port can be taken
        // by another process between choosing and using it.
        String closedEndpoint = "http://127.0.0.1:1";

        ReceiverErrors errors = startReading(stack, contexts, "any-stream",
                builder -> builder.endpointUrl(closedEndpoint));

        Eventually.await(TIMEOUT, () -> errors.any("cannot reach Kinesis at " + closedEndpoint),
                () -> String.valueOf(errors.messages()));
    }

    @Test
    void anStsEndpointThatCannotBeReachedIsNamedNotKinesis(LocalStack stack, StreamingContexts contexts) {
        String closedSts = "http://127.0.0.1:1";
        String role = "arn:aws:iam::123456789012:role/kinesis-reader";

        ReceiverErrors errors = startReading(stack, contexts, stack.streams().createUniqueStream("sts", 1),
                builder -> builder.kinesisCredentials(SparkAWSCredentials.builder()
                        .basicCredentials("local-stack-key", "local-stack-secret")
                        .stsCredentials(role, "errors-test")
                        .stsEndpointUrl(closedSts)
                        .build()));

        Eventually.await(TIMEOUT, () -> errors.any("cannot reach STS at " + closedSts),
                () -> String.valueOf(errors.messages()));
        assertThat(errors.messages()).noneMatch(message -> message.contains("cannot reach Kinesis"))
                .anyMatch(message -> message.contains("could not assume role " + role));
    }

    @Test
    void aDynamoDbThatAcceptsConnectionsButNeverAnswersIsNamedWithItsEndpoint(LocalStack stack,
            StreamingContexts contexts) {
        try (SilentEndpoint silentDynamoDb = SilentEndpoint.start()) {
            ReceiverErrors errors = startReading(stack, contexts,
                    stack.streams().createUniqueStream("silent-dynamodb", 1),
                    builder -> builder.dynamoDBEndpointUrl(silentDynamoDb.url()));

            // The set-up waits 30 s for a DynamoDB call: the test waits for that, then for the report.
            Eventually.await(TIMEOUT, () -> errors.any("DynamoDB at " + silentDynamoDb.url()
                    + " accepts connections but did not answer within 30 s"), () -> String.valueOf(errors.messages()));
            assertThat(errors.reported()).noneMatch(message -> message.contains("TimeoutException"));
        }
    }

    @Test
    void aDynamoDbThatRefusesConnectionsIsUnreachableNeverSilent(LocalStack stack, StreamingContexts contexts) {
        String closedDynamoDb = "http://127.0.0.1:1";

        ReceiverErrors errors = startReading(stack, contexts,
                stack.streams().createUniqueStream("refused-dynamodb", 1),
                builder -> builder.dynamoDBEndpointUrl(closedDynamoDb));

        Eventually.await(TIMEOUT, () -> errors.any("cannot reach DynamoDB at " + closedDynamoDb),
                () -> String.valueOf(errors.messages()));
        // Under load the SDK's retries of the refused connection can outlast the set-up's 30 s wait: still refused
        // (the exception behind a report may still be the wait's TimeoutException; the report must not say so).
        assertThat(errors.reported())
                .noneMatch(message -> message.contains("accepts connections") || message.contains("Timeout"));
    }

    @Test
    void anEndpointUrlWithAPortOutOfRangeIsRejectedWhenTheStreamIsBuilt(LocalStack stack,
            StreamingContexts contexts) {
        KinesisInputDStream.Builder builder = LocalStackDStreams.builder(stack, contexts.create(), "any-stream", app())
                .endpointUrl("http://host:99999");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpointUrl 'http://host:99999' is not a valid endpoint URL")
                .hasMessageContaining("port 99999 is not between 1 and 65535");
    }

    @Test
    void anUpperCaseRegionNameIsRejectedSayingRegionNamesAreLowerCase(LocalStack stack, StreamingContexts contexts) {
        KinesisInputDStream.Builder builder = LocalStackDStreams.builder(stack, contexts.create(), "any-stream", app())
                .regionName("EU-WEST-1");

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS region names are lower case")
                .hasMessageContaining("use regionName(\"eu-west-1\")");
    }

    /** Starts reading {@code stream} with the local stack's settings changed by {@code setting}; what it reports. */
    private static ReceiverErrors startReading(LocalStack stack, StreamingContexts contexts, String stream,
            UnaryOperator<KinesisInputDStream.Builder> setting) {
        JavaStreamingContext ssc = contexts.create();
        ReceiverErrors errors = new ReceiverErrors();
        ssc.addStreamingListener(errors);
        RecordSink.attach(setting.apply(LocalStackDStreams.builder(stack, ssc, stream, app())).build().asJava());
        ssc.start();
        return errors;
    }

    @Test
    void aThrowingMessageHandlerIsReportedAndTheRecordIsReadAgain(LocalStack stack, StreamingContexts contexts) {
        String stream = stack.streams().createUniqueStream("poison", 2);
        List<byte[]> payloads = TestPayloads.numbered("p", 100);
        stack.streams().putRecords(stream, payloads);
        POISON_SEEN.set(false);
        JavaStreamingContext ssc = contexts.create();
        ReceiverErrors errors = new ReceiverErrors();
        ssc.addStreamingListener(errors);
        Function<KinesisClientRecord, String> failsOnceOnP42 = record -> {
            String text = TestPayloads.text(record);
            if (text.equals("p-42") && POISON_SEEN.compareAndSet(false, true)) {
                POISONED_AT_MILLIS.set(System.currentTimeMillis());
                throw new IllegalStateException("cannot handle " + text);
            }
            return text;
        };
        RecordSink<String> sink = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app())
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .buildWithMessageHandler(failsOnceOnP42, String.class)
                .asJava());

        ssc.start();

        Eventually.await(TIMEOUT, () -> new HashSet<>(sink.records()).size() == payloads.size(),
                () -> new HashSet<>(sink.records()).size() + " of " + payloads.size() + " distinct records arrived");
        DeliveryReport report = DeliveryReport.of("message handler throws once", TestPayloads.texts(payloads),
                sink.records(), System.currentTimeMillis() - POISONED_AT_MILLIS.get()).print();
        assertThat(report.lost()).isZero();
        assertThat(errors.messages()).anyMatch(message -> message.contains("The message handler failed")
                && message.contains("cannot handle p-42"));
    }

    private static String app() {
        return KinesisStreamFixture.uniqueName("app");
    }
}
