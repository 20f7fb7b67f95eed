package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.testing.DeliveryReport;
import org.apache.spark.streaming.kinesis.testing.Eventually;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.ReceiverErrors;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** Failures reach the user through Spark's receiver error reporting instead of a silent, empty stream. */
@ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
class ErrorReportingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicBoolean POISON_SEEN = new AtomicBoolean();
    private static final AtomicLong POISONED_AT_MILLIS = new AtomicLong();


    @Test
    void aStreamThatDoesNotExistIsReported(LocalStack stack, StreamingContexts contexts) {
        JavaStreamingContext ssc = contexts.create();
        ReceiverErrors errors = new ReceiverErrors();
        ssc.addStreamingListener(errors);
        RecordSink.attach(LocalStackDStreams.builder(stack, ssc, "no-such-stream", app()).build().asJava());

        ssc.start();

        Eventually.await(TIMEOUT, () -> errors.any("does not exist"), () -> String.valueOf(errors.messages()));
        assertThat(errors.messages()).anyMatch(message -> message.contains("no-such-stream"));
    }

    @Test
    void anUnreachableEndpointIsReported(LocalStack stack, StreamingContexts contexts) {
        // Nothing listens on port 1 (tcpmux): connections are refused at once. A random "free" port can be taken
        // by another process between choosing and using it.
        String closedEndpoint = "http://127.0.0.1:1";
        JavaStreamingContext ssc = contexts.create();
        ReceiverErrors errors = new ReceiverErrors();
        ssc.addStreamingListener(errors);
        RecordSink.attach(LocalStackDStreams.builder(stack, ssc, "any-stream", app())
                .endpointUrl(closedEndpoint)
                .build().asJava());

        ssc.start();

        Eventually.await(TIMEOUT, () -> errors.any("cannot reach Kinesis at " + closedEndpoint),
                () -> String.valueOf(errors.messages()));
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
            String text = TestPayloads.text(toBytes(record));
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

    private static byte[] toBytes(KinesisClientRecord record) {
        byte[] bytes = new byte[record.data().remaining()];
        record.data().duplicate().get(bytes);
        return bytes;
    }

    private static String app() {
        return KinesisStreamFixture.uniqueName("app");
    }
}
