package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.FaultInjectingProxy;
import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.testing.BoundedProducer;
import org.apache.spark.streaming.kinesis.testing.DeliveryReport;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Faults injected between the receiver and the servers by a loopback proxy: Kinesis throttling the reads, and
 * DynamoDB unreachable for longer than the lease failover time. Nothing produced is lost.
 */
@ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
class FaultInjectionIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @Test
    void throttledReadsLoseNothing(LocalStack stack, StreamingContexts contexts) throws Exception {
        String stream = stack.streams().createUniqueStream("throttled", 2);
        try (FaultInjectingProxy kinesis = FaultInjectingProxy.start(stack.kinesisEndpoint());
                BoundedProducer producer = BoundedProducer.start(stack, stream, "t", 600, 60)) {
            kinesis.throttle("GetRecords", 0.5).throttle("GetShardIterator", 0.5);
            JavaStreamingContext ssc = contexts.create();
            RecordSink<byte[]> sink = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app())
                    .endpointUrl(kinesis.endpoint().toString())
                    .initialPosition(new KinesisInitialPositions.TrimHorizon())
                    .build().asJava());
            ssc.start();

            List<String> produced = producer.awaitAll();
            long producedAt = System.nanoTime();
            Eventually.await(TIMEOUT, () -> seen(sink).containsAll(produced),
                    () -> "seen " + new HashSet<>(seen(sink)).size() + " of " + produced.size());
            DeliveryReport report = DeliveryReport.of("Kinesis throttling (50% of GetRecords/GetShardIterator)",
                    produced, seen(sink), (System.nanoTime() - producedAt) / 1_000_000).print();

            System.err.println("Proxy calls " + kinesis.calls() + ", injected "
                    + kinesis.injectedErrors());
            assertThat(report.lost()).isZero();
            assertThat(kinesis.injectedErrors().get("ProvisionedThroughputExceededException")).isPositive();
        }
    }

    @Test
    void dynamoDbUnavailableLongerThanTheFailoverTimeLosesNothing(LocalStack stack, StreamingContexts contexts)
            throws Exception {
        String stream = stack.streams().createUniqueStream("ddb-outage", 2);
        try (FaultInjectingProxy dynamoDb = FaultInjectingProxy.start(stack.dynamoDbEndpoint())) {
            JavaStreamingContext ssc = contexts.create();
            RecordSink<byte[]> sink = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app())
                    .dynamoDBEndpointUrl(dynamoDb.endpoint().toString())
                    .initialPosition(new KinesisInitialPositions.TrimHorizon())
                    .build().asJava());
            ssc.start();
            List<String> produced = new ArrayList<>(put(stack, stream, "before", 100));
            Eventually.await(TIMEOUT, () -> seen(sink).containsAll(produced), () -> "before the outage");

            dynamoDb.makeUnavailable();
            produced.addAll(put(stack, stream, "during", 100));
            // Longer than the lease failover time (10 s): every lease of the worker expires.
            Eventually.sleep(25_000);
            dynamoDb.restore();
            long restoredAt = System.nanoTime();
            produced.addAll(put(stack, stream, "after", 100));
            Eventually.await(TIMEOUT, () -> seen(sink).containsAll(produced),
                    () -> "seen " + new HashSet<>(seen(sink)).size() + " of " + produced.size());
            DeliveryReport report = DeliveryReport.of("DynamoDB unavailable for 25 s (failover time 10 s)",
                    produced, seen(sink), (System.nanoTime() - restoredAt) / 1_000_000).print();

            assertThat(report.lost()).isZero();
            assertThat(dynamoDb.injectedErrors().get("ServiceUnavailable")).isPositive();
        }
    }

    private static List<String> put(LocalStack stack, String stream, String prefix, int count) {
        List<byte[]> payloads = TestPayloads.numbered(prefix, count);
        stack.streams().putRecords(stream, payloads);
        return TestPayloads.texts(payloads);
    }

    private static List<String> seen(RecordSink<byte[]> sink) {
        return TestPayloads.texts(sink.records());
    }

    private static String app() {
        return KinesisStreamFixture.uniqueName("app");
    }
}
