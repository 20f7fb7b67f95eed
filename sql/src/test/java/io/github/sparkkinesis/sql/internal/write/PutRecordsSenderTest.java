package io.github.sparkkinesis.sql.internal.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

class PutRecordsSenderTest {

    private static final PutRetrySettings RETRIES = new PutRetrySettings(5, Duration.ofMillis(100),
            Duration.ofSeconds(5), Duration.ofMinutes(2));

    private final List<List<String>> calls = new ArrayList<>();
    private final List<Long> waits = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();
    private final SinkCounters counters = new SinkCounters();

    /** A client whose n-th PutRecords call is answered by the n-th function (the last one repeats). */
    private KinesisClient kinesis(Deque<Function<List<String>, PutRecordsResponse>> answers) {
        return new KinesisClient() {
            @Override
            public PutRecordsResponse putRecords(PutRecordsRequest request) {
                List<String> texts = request.records().stream().map(PutRecordsRequestEntry::data)
                        .map(data -> data.asString(StandardCharsets.UTF_8)).toList();
                calls.add(texts);
                Function<List<String>, PutRecordsResponse> answer = answers.size() > 1 ? answers.poll()
                        : answers.peek();
                return answer.apply(texts);
            }

            @Override
            public String serviceName() {
                return "kinesis";
            }

            @Override
            public void close() {
            }
        };
    }

    private PutRecordsSender sender(Deque<Function<List<String>, PutRecordsResponse>> answers) {
        return new PutRecordsSender(kinesis(answers), RETRIES, counters, millis -> {
            waits.add(millis);
            clock.addAndGet(millis * 1_000_000);
        }, clock::get);
    }

    private static PutBatch batch(String... texts) {
        List<PutEntry> entries = new ArrayList<>();
        for (String text : texts) {
            entries.add(PutEntry.of(new UserRecord("orders", "k", null, text.getBytes(StandardCharsets.UTF_8))));
        }
        return new PutBatch("orders", entries);
    }

    /** Rejects the records whose text is in {@code rejected} with {@code code}, accepts the others. */
    private static Function<List<String>, PutRecordsResponse> rejecting(String code, String... rejected) {
        List<String> rejectedTexts = List.of(rejected);
        return texts -> PutRecordsResponse.builder()
                .records(texts.stream().map(text -> rejectedTexts.contains(text)
                        ? PutRecordsResultEntry.builder().errorCode(code).errorMessage("Rate exceeded for shard "
                                + "shardId-000000000001 in stream orders").build()
                        : PutRecordsResultEntry.builder().shardId("shardId-000000000000").sequenceNumber("1").build())
                        .toList())
                .failedRecordCount((int) texts.stream().filter(rejectedTexts::contains).count())
                .build();
    }

    private static Deque<Function<List<String>, PutRecordsResponse>> answers(
            List<Function<List<String>, PutRecordsResponse>> answers) {
        return new ArrayDeque<>(answers);
    }

    @Test
    void aRoundResendsOnlyTheRejectedRecordsInTheirOrder() {
        sender(answers(List.of(rejecting(PutRecordsSender.THROTTLED, "b", "d"),
                rejecting(PutRecordsSender.INTERNAL_FAILURE, "d"), rejecting("none"))))
                .send(batch("a", "b", "c", "d", "e"));

        assertThat(calls).containsExactly(List.of("a", "b", "c", "d", "e"), List.of("b", "d"), List.of("d"));
        assertThat(counters.recordsWritten()).isEqualTo(5);
        assertThat(counters.bytesWritten()).isEqualTo(10);
        assertThat(counters.recordsRetried()).isEqualTo(3);
        assertThat(counters.throttledCalls()).isEqualTo(1);
        assertThat(counters.putCalls()).isEqualTo(3);
        // After throttling a round waits for the next one-second window; after an internal failure it backs off.
        assertThat(waits.get(0)).isGreaterThanOrEqualTo(1000);
        assertThat(waits.get(1)).isBetween(100L, 200L);
    }

    @Test
    void aThrottledCallIsSentAgainWhole() {
        Deque<Function<List<String>, PutRecordsResponse>> answers = answers(List.of(texts -> {
            throw ProvisionedThroughputExceededException.builder().message("Rate exceeded").build();
        }, rejecting("none")));

        sender(answers).send(batch("a", "b"));

        assertThat(calls).containsExactly(List.of("a", "b"), List.of("a", "b"));
        assertThat(counters.recordsWritten()).isEqualTo(2);
        assertThat(counters.throttledCalls()).isEqualTo(1);
    }

    @Test
    void recordsStillRejectedAfterTheLastAttemptFailNamingStreamShardAndCode() {
        PutRecordsSender sender = sender(answers(List.of(rejecting(PutRecordsSender.THROTTLED, "b"))));

        assertThatThrownBy(() -> sender.send(batch("a", "b")))
                .isInstanceOf(KinesisWriteException.class)
                .hasMessageStartingWith("Could not write 1 record to Kinesis stream orders after 5 attempts in ")
                .hasMessageContaining("maxPutAttempts 5 reached")
                .hasMessageEndingWith("error code ProvisionedThroughputExceededException: Rate exceeded for shard "
                        + "shardId-000000000001 in stream orders");
        assertThat(counters.recordsWritten()).isEqualTo(1);
    }

    @Test
    void retryingStopsWhenTheNextWaitWouldPassMaxRetryDuration() {
        PutRecordsSender sender = new PutRecordsSender(kinesis(answers(List.of(
                rejecting(PutRecordsSender.THROTTLED, "a")))), new PutRetrySettings(1000, Duration.ofMillis(100),
                        Duration.ofSeconds(5), Duration.ofMillis(2500)), counters, millis -> {
                            waits.add(millis);
                            clock.addAndGet(millis * 1_000_000);
                        }, clock::get);

        assertThatThrownBy(() -> sender.send(batch("a"))).isInstanceOf(KinesisWriteException.class)
                .hasMessageContaining("maxRetryDuration 2500 ms reached");
        assertThat(waits.stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(2500);
    }

    @Test
    void aRecordErrorThatIsNotRetryableFailsAtOnce() {
        PutRecordsSender sender = sender(answers(List.of(rejecting("KMSAccessDeniedException", "a"))));

        assertThatThrownBy(() -> sender.send(batch("a"))).isInstanceOf(KinesisWriteException.class)
                .hasMessageContaining("after 1 attempt in").hasMessageContaining("not retryable")
                .hasMessageContaining("error code KMSAccessDeniedException");
        assertThat(calls).hasSize(1);
    }

    @Test
    void aCallErrorThatIsNotRetryableFailsAtOnce() {
        PutRecordsSender sender = sender(answers(List.of(texts -> {
            throw InvalidArgumentException.builder().message("bad").statusCode(400).build();
        })));

        assertThatThrownBy(() -> sender.send(batch("a"))).isInstanceOf(KinesisWriteException.class)
                .hasMessageContaining("not retryable");
        assertThat(counters.recordsWritten()).isZero();
    }
}
