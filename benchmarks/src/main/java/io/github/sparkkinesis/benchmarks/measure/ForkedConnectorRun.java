package io.github.sparkkinesis.benchmarks.measure;

import io.github.sparkkinesis.benchmarks.cost.FirstRecordWatch;
import io.github.sparkkinesis.benchmarks.cost.ProfileWindow;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.KinesisInitialPositions;
import org.apache.spark.streaming.kinesis.KinesisInputDStream;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * One drain or latency measurement in a JVM of its own, for the side-by-side comparison with another implementation
 * of Spark's connector API: its class path holds Spark and EITHER our connector OR the other one. It uses only the
 * API both share ({@code KinesisInputDStream.builder()} with the options of Spark's connector, a Scala message
 * handler), so this class, compiled against our connector, runs against either. DynamoDB and CloudWatch are found
 * through the SDK's endpoint variables ({@code AWS_ENDPOINT_URL_DYNAMODB}), which both connectors honour; metrics
 * are off. Prints one {@link ResultLine}. A drain run with {@link ProfileWindow#recordingOptions} writes its span
 * (first record read, all processed) next to its JFR recording.
 *
 * <p>Arguments: {@code drain <kinesis endpoint> <stream> <records> <timeout s>} or
 * {@code latency <kinesis endpoint> <stream> <records/s> <record bytes> <produce s>}.
 */
public final class ForkedConnectorRun {

    static final String DRAIN = "drain";
    static final String LATENCY = "latency";
    // The local servers accept any credentials.
    private static final String ACCESS_KEY = "benchmark";
    private static final String SECRET_KEY = "benchmark";
    private static final String REGION = "us-east-1";
    private static final ClassTag<byte[]> BYTES = ClassTag$.MODULE$.apply(byte[].class);

    private ForkedConnectorRun() {
    }

    public static void main(String[] args) throws Exception {
        boolean drain = args.length == 5 && DRAIN.equals(args[0]);
        if (!drain && !(args.length == 6 && LATENCY.equals(args[0]))) {
            throw new IllegalArgumentException("Usage: drain <endpoint> <stream> <records> <timeout s> | latency "
                    + "<endpoint> <stream> <records/s> <record bytes> <produce s>");
        }
        URI endpoint = URI.create(args[1]);
        String stream = args[2];
        Map<String, String> figures;
        try {
            if (drain) {
                ShardArrivals.reset();
                FirstRecordWatch watch = FirstRecordWatch.start();
                ConnectorDrain.Result result = ConnectorDrain.run(ssc -> dstream(ssc, endpoint, stream), stream,
                        Long.parseLong(args[3]), Duration.ofSeconds(Long.parseLong(args[4])));
                ProfileWindow.write(watch.firstRecordAt());
                figures = new ForkedDrain(result, ShardArrivals.secondsAfterFirst()).toFigures();
            } else {
                try (KinesisClient kinesis = producerClient(endpoint)) {
                    figures = ConnectorLatency.run(ssc -> dstream(ssc, endpoint, stream), kinesis, stream,
                            Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                            Duration.ofSeconds(Long.parseLong(args[5]))).toFigures();
                }
            }
        } finally {
            BenchmarkSpark.stop();
        }
        System.out.println(ResultLine.format(figures));
        System.out.flush();
        System.exit(0);
    }

    private static JavaDStream<byte[]> dstream(JavaStreamingContext ssc, URI endpoint, String stream) {
        KinesisInputDStream<byte[]> dstream = KinesisInputDStream.builder()
                .streamingContext(ssc)
                .streamName(stream)
                .checkpointAppName("compare-" + UUID.randomUUID())
                .endpointUrl(endpoint.toString())
                .regionName(REGION)
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .kinesisCredentials(SparkAWSCredentials.builder().basicCredentials(ACCESS_KEY, SECRET_KEY).build())
                .metricsLevel(MetricsLevel.NONE)
                .buildWithMessageHandler(new Receive(), BYTES);
        return new JavaDStream<>(dstream, BYTES);
    }

    private static KinesisClient producerClient(URI endpoint) {
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    /** The message handler: notes each shard's first record and times the reads ({@link ReceiveClock}). */
    private static final class Receive extends AbstractFunction1<KinesisClientRecord, byte[]> implements Serializable {

        private static final long serialVersionUID = 1L;

        @Override
        public byte[] apply(KinesisClientRecord record) {
            ShardArrivals.arrived(record.partitionKey(), System.nanoTime());
            return ReceiveClock.receive(record);
        }
    }
}
