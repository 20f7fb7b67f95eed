package io.github.sparkkinesis.benchmarks.measure;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.KinesisInitialPositions;
import org.apache.spark.streaming.kinesis.KinesisInputDStream;
import software.amazon.kinesis.metrics.MetricsLevel;

/**
 * The connector as the benchmarks run it: the default settings, except where a measurement varies one (null means
 * the default), metrics off (no CloudWatch here), and a fresh application per run so that every run reads from the
 * start of the shards.
 */
public record ConsumerSettings(Duration idleTimeBetweenReads, Integer maxRecordsPerRead,
        Long maxPrefetchBytesPerShard, String enhancedFanOutConsumerName) {

    public static final ConsumerSettings DEFAULTS = new ConsumerSettings(null, null, null, null);

    /** Kinesis's most records per GetRecords call, the connector's default. */
    public static final int KINESIS_READ_LIMIT = 10_000;

    public static ConsumerSettings idleTimeBetweenReads(Duration idle) {
        return new ConsumerSettings(idle, null, null, null);
    }

    public static ConsumerSettings maxRecordsPerRead(int records) {
        return new ConsumerSettings(null, records, null, null);
    }

    public static ConsumerSettings maxPrefetchBytesPerShard(long bytes) {
        return new ConsumerSettings(null, null, bytes, null);
    }

    /** Enhanced fan-out through the consumer of this name (the endpoint must serve SubscribeToShard). */
    public static ConsumerSettings enhancedFanOut(String consumerName) {
        return new ConsumerSettings(null, null, null, consumerName);
    }

    /** What a plain read loop asks for per call to compare with these settings. */
    public int recordsPerRead() {
        return maxRecordsPerRead == null ? KINESIS_READ_LIMIT : maxRecordsPerRead;
    }

    /**
     * A DStream builder at the connector's defaults reading {@code stream} from its start as application {@code app}
     * (the DStreams of one application share the shards), metrics off.
     */
    public static KinesisInputDStream.Builder defaultBuilder(JavaStreamingContext ssc, KinesisEndpoints endpoints,
            String stream, String app) {
        return KinesisInputDStream.builder()
                .streamingContext(ssc)
                .streamName(stream)
                .checkpointAppName(app)
                .endpointUrl(endpoints.kinesis().toString())
                .dynamoDBEndpointUrl(endpoints.dynamoDb().toString())
                .regionName("us-east-1")
                .kinesisCredentials(KinesisEndpoints.sparkCredentials())
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .metricsLevel(MetricsLevel.NONE);
    }

    KinesisInputDStream<byte[]> dstream(JavaStreamingContext ssc, KinesisEndpoints endpoints, String stream,
            UnaryOperator<KinesisInputDStream.Builder> tweak) {
        KinesisInputDStream.Builder builder = defaultBuilder(ssc, endpoints, stream, "benchmark-" + UUID.randomUUID());
        if (idleTimeBetweenReads != null) {
            builder.idleTimeBetweenReads(idleTimeBetweenReads);
        }
        if (maxRecordsPerRead != null) {
            builder.maxRecordsPerRead(maxRecordsPerRead);
        }
        if (maxPrefetchBytesPerShard != null) {
            builder.maxPrefetchBytesPerShard(maxPrefetchBytesPerShard);
        }
        builder.enhancedFanOutConsumerName(enhancedFanOutConsumerName);
        return tweak.apply(builder).buildWithMessageHandler(ReceiveClock.HANDLER, byte[].class);
    }

    @Override
    public String toString() {
        List<String> changed = new ArrayList<>();
        if (idleTimeBetweenReads != null) {
            changed.add("idle " + idleTimeBetweenReads.milliseconds() + " ms");
        }
        if (maxRecordsPerRead != null) {
            changed.add(String.format("%,d per read", maxRecordsPerRead));
        }
        if (maxPrefetchBytesPerShard != null) {
            changed.add("prefetch " + (maxPrefetchBytesPerShard >> 20) + " MiB");
        }
        if (enhancedFanOutConsumerName != null) {
            changed.add("enhanced fan-out");
        }
        return changed.isEmpty() ? "defaults" : String.join(", ", changed);
    }
}
