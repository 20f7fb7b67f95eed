package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A backlog is received at the rate Spark allows (spark.streaming.receiver.maxRate, or the backpressure rate),
 * spread over batches, instead of all at once.
 */
@ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
class RateLimitIT {

    private static final int BACKLOG = 160;
    private static final int RATE = 40;

    private Map<String, String> changedSettings = Map.of();

    @AfterEach
    void restore() {
        SparkConf conf = SparkEnv.get().conf();
        changedSettings.keySet().forEach(conf::remove);
    }

    @Test
    void maxRateSpreadsABacklogOverBatches(LocalStack stack, StreamingContexts contexts) {
        List<Integer> batches = readBacklog(stack, contexts,
                Map.of("spark.streaming.receiver.maxRate", Integer.toString(RATE)));

        // Without a limit the whole backlog arrives in one or two one-second batches.
        assertThat(batches).hasSizeGreaterThanOrEqualTo(BACKLOG / RATE - 1);
        assertThat(batches).allMatch(size -> size <= 2 * RATE);
    }

    @Test
    void backpressureStartsAtItsInitialRateAndThenFollowsTheDriver(LocalStack stack, StreamingContexts contexts) {
        List<Integer> batches = readBacklog(stack, contexts, Map.of("spark.streaming.backpressure.enabled", "true",
                "spark.streaming.backpressure.initialRate", Integer.toString(RATE)));

        // The first batch is held to the initial rate; afterwards the driver's rate estimate (processing here is
        // fast, so it rises) reaches the receiver and later batches may be larger.
        assertThat(batches.get(0)).isLessThanOrEqualTo(2 * RATE);
        assertThat(batches).hasSizeGreaterThanOrEqualTo(2);
    }

    /** Reads a backlog with the settings and returns the sizes of the non-empty batches. */
    private List<Integer> readBacklog(LocalStack stack, StreamingContexts contexts, Map<String, String> settings) {
        // Receivers read the rate settings from the executor's configuration when they start; in local mode that
        // is the shared SparkContext's.
        changedSettings = settings;
        settings.forEach(SparkEnv.get().conf()::set);
        String stream = stack.streams().createUniqueStream("rate", 2);
        stack.streams().putRecords(stream, TestPayloads.numbered("r", BACKLOG));
        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> sink = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream,
                        KinesisStreamFixture.uniqueName("app"))
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .build().asJava());

        ssc.start();
        Eventually.await(Duration.ofSeconds(180), () -> sink.size() >= BACKLOG,
                () -> sink.size() + " of " + BACKLOG + " records arrived");

        List<Integer> nonEmptyBatches = sink.batchSizes().stream().filter(size -> size > 0).toList();
        System.err.println("Batch sizes with " + settings + ": " + nonEmptyBatches);
        assertThat(TestPayloads.checksum(sink.records()))
                .isEqualTo(TestPayloads.checksum(TestPayloads.numbered("r", BACKLOG)));
        return nonEmptyBatches;
    }
}
