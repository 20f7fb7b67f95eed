package io.github.sparkkinesis.examples;

import io.github.sparkkinesis.localstack.LocalStack;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkConf;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The word-count demo on the local stack, with no AWS account: starts kinesis-mock and dynalite, creates a
 * two-shard stream, runs {@link KinesisWordCount} and {@link KinesisWordProducer} unchanged for a bounded time,
 * prints the counts of every batch, compares what was counted with what was sent, and cleans up.
 *
 * <p>The examples reach the local DynamoDB through the AWS SDK's standard settings (the
 * {@code aws.endpointUrlDynamoDb} system property, i.e. {@code AWS_ENDPOINT_URL_DYNAMODB}), exactly as they
 * would reach a VPC endpoint in production.
 *
 * <p>Usage: {@code LocalWordCountDemo [<producer-seconds>]} (default 15).
 */
public final class LocalWordCountDemo {

    private static final String STREAM = "demo-words";
    private static final String APP = "demo-word-count";
    private static final int RECORDS_PER_SECOND = 50;
    private static final int WORDS_PER_RECORD = 5;
    private static final long SETTLE_TIMEOUT_MILLIS = 60_000;

    /** Word totals across batches; the streaming job runs in this JVM (local mode). */
    private static final Map<String, Long> COUNTED = new ConcurrentHashMap<>();

    private LocalWordCountDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        System.out.println("== Starting the local stack (kinesis-mock and dynalite)");
        try (LocalStack stack = LocalStack.start()) {
            System.out.println("== " + stack);
            stack.streams().createStream(STREAM, 2);
            useLocalStackThroughStandardAwsSettings(stack);
            String endpoint = stack.kinesisEndpoint().toString();
            boolean ok = run(stack, endpoint, seconds);
            System.out.println(ok ? "== Demo finished: every word sent was counted"
                    : "== Demo finished with a MISMATCH between words sent and counted");
            if (!ok) {
                System.exit(2);
            }
        }
    }

    private static boolean run(LocalStack stack, String endpoint, int seconds) throws InterruptedException {
        SparkConf conf = new SparkConf()
                .setMaster("local[4]")
                .setAppName("LocalWordCountDemo")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        JavaStreamingContext ssc = new JavaStreamingContext(conf, KinesisWordCount.BATCH_INTERVAL);
        try {
            JavaPairDStream<String, Integer> counts =
                    KinesisWordCount.wordCounts(ssc, APP, STREAM, endpoint, LocalStack.REGION.id());
            counts.print();
            counts.foreachRDD(rdd -> rdd.collect().forEach(pair -> COUNTED.merge(pair._1(), (long) pair._2(),
                    Long::sum)));
            System.out.println("== Starting the word count (KinesisWordCount " + APP + " " + STREAM + " " + endpoint
                    + " " + LocalStack.REGION.id() + ")");
            ssc.start();

            KinesisWordProducer producer = new KinesisWordProducer(stack.kinesisClient(), STREAM);
            waitUntilReading(stack, producer);
            System.out.println("== Producing " + RECORDS_PER_SECOND + " records/s of " + WORDS_PER_RECORD
                    + " words for " + seconds + " s (KinesisWordProducer " + STREAM + " " + endpoint + " "
                    + RECORDS_PER_SECOND + " " + WORDS_PER_RECORD + ")");
            Map<String, Long> sent = producer.run(RECORDS_PER_SECOND, WORDS_PER_RECORD, seconds);
            Map<String, Long> counted = awaitCounts(sent);
            System.out.println("== Sent    " + sent);
            System.out.println("== Counted " + counted);
            return sent.equals(counted);
        } finally {
            ssc.stop(true, true);
        }
    }

    /**
     * The word count starts at LATEST, so records put before its shards are open would not be read: put a marker
     * word until it is counted and every shard has an owner, then forget the markers.
     */
    private static void waitUntilReading(LocalStack stack, KinesisWordProducer producer) throws InterruptedException {
        long deadline = System.currentTimeMillis() + SETTLE_TIMEOUT_MILLIS;
        while (!(COUNTED.containsKey(KinesisWordProducer.WARM_UP_WORD)
                && stack.leaseTables().owners(APP).values().stream().allMatch(Objects::nonNull)
                && !stack.leaseTables().owners(APP).isEmpty())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("The word count did not start reading within "
                        + SETTLE_TIMEOUT_MILLIS / 1000 + " s");
            }
            producer.putWarmUp();
            Thread.sleep(500);
        }
        Thread.sleep(2 * KinesisWordCount.BATCH_INTERVAL.milliseconds());
        COUNTED.clear();
    }

    /** Waits until the counts stop changing (or match what was sent). */
    private static Map<String, Long> awaitCounts(Map<String, Long> sent) throws InterruptedException {
        long deadline = System.currentTimeMillis() + SETTLE_TIMEOUT_MILLIS;
        Map<String, Long> previous = Map.of();
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(2 * KinesisWordCount.BATCH_INTERVAL.milliseconds());
            Map<String, Long> current = new TreeMap<>(COUNTED);
            current.remove(KinesisWordProducer.WARM_UP_WORD);
            if (current.equals(sent) || (!current.isEmpty() && current.equals(previous))) {
                return current;
            }
            previous = current;
        }
        return new TreeMap<>(COUNTED);
    }

    private static void useLocalStackThroughStandardAwsSettings(LocalStack stack) {
        AwsCredentials credentials = stack.credentials().resolveCredentials();
        System.setProperty("aws.accessKeyId", credentials.accessKeyId());
        System.setProperty("aws.secretAccessKey", credentials.secretAccessKey());
        System.setProperty("aws.endpointUrlDynamoDb", stack.dynamoDbEndpoint().toString());
    }
}
