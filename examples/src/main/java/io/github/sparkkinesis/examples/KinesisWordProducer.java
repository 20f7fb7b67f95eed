package io.github.sparkkinesis.examples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * Puts random sentences into a Kinesis stream for a bounded time, then prints how often it sent each word, to
 * compare with what {@link KinesisWordCount} counts.
 *
 * <pre>
 * Usage: KinesisWordProducer &lt;stream-name&gt; &lt;endpoint-url&gt; &lt;records-per-sec&gt; &lt;words-per-record&gt;
 *            [&lt;seconds&gt;]
 *   e.g. KinesisWordProducer words https://kinesis.eu-west-1.amazonaws.com 100 10
 * </pre>
 *
 * Credentials come from the AWS SDK's default chain; the region is taken from the endpoint's host name
 * ({@code kinesis.<region>.amazonaws.com}), else from the SDK's default region settings ({@code AWS_REGION}), else
 * us-east-1. A stream that does not exist ends the producer with the command that creates it.
 */
public final class KinesisWordProducer {

    /** The small vocabulary the sentences are made of. */
    static final List<String> WORDS = List.of("spark", "you", "are", "my", "father", "kinesis", "shard", "lease");
    static final int DEFAULT_SECONDS = 10;
    /** A word outside the vocabulary, put by {@link #putWarmUp()} to check that a consumer is reading. */
    static final String WARM_UP_WORD = "warm-up";
    private static final int MAX_BATCH = 500;

    private final KinesisClient kinesis;
    private final String streamName;
    private final Random random = new Random();

    public KinesisWordProducer(KinesisClient kinesis, String streamName) {
        this.kinesis = kinesis;
        this.streamName = streamName;
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 4 || args.length > 5) {
            System.err.println("Usage: KinesisWordProducer <stream-name> <endpoint-url> <records-per-sec> "
                    + "<words-per-record> [<seconds>]");
            System.exit(1);
        }
        try {
            int recordsPerSecond = positive("records-per-sec", args[2]);
            int wordsPerRecord = positive("words-per-record", args[3]);
            int seconds = args.length == 5 ? positive("seconds", args[4]) : DEFAULT_SECONDS;
            KinesisEndpoint endpoint = KinesisEndpoint.of(args[1]);
            Region region = endpoint.region();
            try (KinesisClient kinesis = KinesisClients.create(endpoint, region)) {
                // Checked first, so that a missing stream says how to create it instead of failing a put.
                KinesisClients.openShardCount(kinesis, args[0], endpoint, region);
                Map<String, Long> sent = new KinesisWordProducer(kinesis, args[0])
                        .run(recordsPerSecond, wordsPerRecord, seconds);
                printTotals(sent);
            }
        } catch (IllegalArgumentException | MissingStreamException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    private static int positive(String name, String value) {
        try {
            int number = Integer.parseInt(value);
            if (number > 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new IllegalArgumentException("<" + name + "> must be a whole number above 0, not '" + value + "'");
    }

    /**
     * Puts {@code recordsPerSecond} records of {@code wordsPerRecord} random words each, every second, for
     * {@code seconds} seconds, and returns how many times each word was sent.
     */
    public Map<String, Long> run(int recordsPerSecond, int wordsPerRecord, int seconds) throws InterruptedException {
        Map<String, Long> sent = new TreeMap<>();
        for (int second = 0; second < seconds; second++) {
            long start = System.nanoTime();
            List<PutRecordsRequestEntry> batch = new ArrayList<>();
            for (int i = 0; i < recordsPerSecond; i++) {
                List<String> sentence = new ArrayList<>();
                for (int w = 0; w < wordsPerRecord; w++) {
                    String word = WORDS.get(random.nextInt(WORDS.size()));
                    sentence.add(word);
                    sent.merge(word, 1L, Long::sum);
                }
                batch.add(PutRecordsRequestEntry.builder()
                        .partitionKey("partition-" + random.nextInt(1_000_000))
                        .data(SdkBytes.fromString(String.join(" ", sentence), StandardCharsets.UTF_8))
                        .build());
                if (batch.size() == MAX_BATCH) {
                    put(batch);
                }
            }
            put(batch);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf("Sent %d records with %d words each (second %d of %d)%n", recordsPerSecond,
                    wordsPerRecord, second + 1, seconds);
            Thread.sleep(Math.max(0, 1000 - elapsedMillis));
        }
        return sent;
    }

    /** Puts one record holding only {@link #WARM_UP_WORD}, on a random partition key. */
    public void putWarmUp() throws InterruptedException {
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        batch.add(PutRecordsRequestEntry.builder()
                .partitionKey("partition-" + random.nextInt(1_000_000))
                .data(SdkBytes.fromString(WARM_UP_WORD, StandardCharsets.UTF_8))
                .build());
        put(batch);
    }

    /** Puts the batch, retrying only the entries Kinesis rejected (for example when a shard is throttled). */
    private void put(List<PutRecordsRequestEntry> batch) throws InterruptedException {
        List<PutRecordsRequestEntry> pending = new ArrayList<>(batch);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > 10) {
                throw new IllegalStateException(pending.size() + " records were rejected 10 times by " + streamName);
            }
            List<PutRecordsRequestEntry> toSend = pending;
            PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(streamName).records(toSend));
            List<PutRecordsRequestEntry> rejected = new ArrayList<>();
            for (int i = 0; i < toSend.size(); i++) {
                if (response.records().get(i).errorCode() != null) {
                    rejected.add(toSend.get(i));
                }
            }
            pending = rejected;
            if (!pending.isEmpty()) {
                Thread.sleep(100L * attempt);
            }
        }
        batch.clear();
    }

    static void printTotals(Map<String, Long> sent) {
        long total = sent.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("Totals sent: " + total + " words " + sent);
    }
}
