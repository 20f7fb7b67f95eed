package org.apache.spark.streaming.kinesis.internal.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** The lazy range reader against an in-memory shard: paging, limits, retries and completeness checks. */
class KinesisRangeReaderTest {

    private final AtomicLong clock = new AtomicLong();
    private final List<Long> pacingWaits = new ArrayList<>();
    private final List<Long> retryWaits = new ArrayList<>();

    @Test
    void readsOnePageAtATimeAsTheConsumerAsksForRecords() {
        FakeShard shard = new FakeShard(100).addTexts("r", 1_000);
        Iterator<KinesisClientRecord> records = reader(shard).read(List.of(range(0, 999)));

        assertThat(shard.getRecordsLimits()).as("nothing is read before the first record is asked for").isEmpty();
        List<String> firstTen = take(records, 10);

        assertThat(firstTen).containsExactlyElementsOf(texts("r", 0, 10));
        assertThat(shard.getRecordsLimits()).as("one page fetched for the first records").containsExactly(1_000);

        List<String> rest = take(records, Integer.MAX_VALUE);
        assertThat(rest).containsExactlyElementsOf(texts("r", 10, 1_000));
        assertThat(shard.getRecordsLimits()).as("each call asks for what the range still needs")
                .containsExactly(1_000, 900, 800, 700, 600, 500, 400, 300, 200, 100);
    }

    @Test
    void neverAsksForMoreThanTheRangeNeedsNorMoreThanKinesisAllows() {
        FakeShard shard = new FakeShard(KinesisRangeReader.MAX_RECORDS_PER_CALL).addTexts("r", 25_000);

        assertThat(take(reader(shard).read(List.of(range(100, 129))), Integer.MAX_VALUE))
                .containsExactlyElementsOf(texts("r", 100, 130));
        assertThat(shard.getRecordsLimits()).containsExactly(30);

        assertThat(take(reader(shard).read(List.of(range(0, 24_999))), Integer.MAX_VALUE)).hasSize(25_000);
        assertThat(shard.getRecordsLimits()).containsExactly(30, 10_000, 10_000, 5_000);
    }

    @Test
    void callsToTheShardArePacedAndThrottledCallsWaitOutTheThrottlingWindow() {
        FakeShard shard = new FakeShard(10).addTexts("r", 30);
        // Every page is throttled twice before it comes: with 3 attempts per call that only works if the count
        // starts again for each call.
        for (int i = 0; i < 2; i++) {
            shard.failGetRecords(KinesisRangeReaderTest::throttled);
        }

        Iterator<KinesisClientRecord> records = reader(shard).read(List.of(range(0, 29)));
        List<String> firstPage = take(records, 10);
        shard.failGetRecords(KinesisRangeReaderTest::throttled).failGetRecords(KinesisRangeReaderTest::throttled);
        List<String> rest = take(records, Integer.MAX_VALUE);

        assertThat(firstPage).containsExactlyElementsOf(texts("r", 0, 10));
        assertThat(rest).containsExactlyElementsOf(texts("r", 10, 30));
        assertThat(retryWaits).hasSize(4).allMatch(wait -> wait >= RetryingKinesisCall.THROTTLING_WINDOW_MILLIS);
        assertThat(pacingWaits).as("calls are spaced by the pacer").isNotEmpty()
                .allMatch(wait -> wait <= ShardCallPacer.DEFAULT_MIN_INTERVAL_MILLIS);
    }

    @Test
    void aCallThatStaysThrottledFailsNamingStreamShardRangeAndError() {
        FakeShard shard = new FakeShard(10).addTexts("r", 30);
        for (int i = 0; i < 3; i++) {
            shard.failGetRecords(KinesisRangeReaderTest::throttled);
        }

        Iterator<KinesisClientRecord> records = reader(shard).read(List.of(range(0, 29)));

        assertThatThrownBy(records::hasNext).isInstanceOf(KinesisRangeReadException.class)
                .hasMessageContaining("shard " + FakeShard.SHARD + " of stream " + FakeShard.STREAM)
                .hasMessageContaining(FakeShard.sequenceNumber(0) + "/0 .. " + FakeShard.sequenceNumber(29) + "/0")
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("Rate exceeded");
    }

    @Test
    void aRecordCountMismatchFailsWhenTheIteratorReachesTheRangesLastRecord() {
        FakeShard shard = new FakeShard(100).addTexts("r", 10);
        SequenceNumberRange claimsTwenty = new SequenceNumberRange(FakeShard.STREAM, FakeShard.SHARD,
                position(0), position(9), 20);
        Iterator<KinesisClientRecord> records = reader(shard).read(List.of(claimsTwenty));

        assertThat(take(records, 9)).containsExactlyElementsOf(texts("r", 0, 9));
        assertThatThrownBy(records::hasNext).isInstanceOf(KinesisRangeReadException.class)
                .hasMessageContaining("read 10 of its 20 records")
                .hasMessageContaining("shard " + FakeShard.SHARD + " of stream " + FakeShard.STREAM);
    }

    @Test
    void aTrimmedFirstRecordFailsOnTheFirstPage() {
        FakeShard shard = new FakeShard(100).addTexts("r", 10);
        SequenceNumberRange trimmed = new SequenceNumberRange(FakeShard.STREAM, FakeShard.SHARD,
                new RecordPosition("999", 0), position(5), 7);

        assertThatThrownBy(reader(shard).read(List.of(trimmed))::hasNext)
                .isInstanceOf(KinesisRangeReadException.class)
                .hasMessageContaining("its first record is no longer in the stream")
                .hasMessageContaining("shard " + FakeShard.SHARD + " of stream " + FakeShard.STREAM);
    }

    @Test
    void anEarlyEndOfTheShardFailsAfterTheRecordsItHas() {
        FakeShard shard = new FakeShard(100).addTexts("r", 5).close(true);
        SequenceNumberRange pastTheEnd = new SequenceNumberRange(FakeShard.STREAM, FakeShard.SHARD,
                position(0), position(5), 6);
        Iterator<KinesisClientRecord> records = reader(shard).read(List.of(pastTheEnd));

        assertThat(take(records, 5)).containsExactlyElementsOf(texts("r", 0, 5));
        assertThatThrownBy(records::hasNext).isInstanceOf(KinesisRangeReadException.class)
                .hasMessageContaining("the shard ended");
    }

    @Test
    void anExpiredIteratorIsRenewedAfterTheLastRecordRead() {
        FakeShard shard = new FakeShard(10).addTexts("r", 30);
        Iterator<KinesisClientRecord> records = reader(shard).read(List.of(range(0, 29)));
        List<String> firstPage = take(records, 10);
        shard.failGetRecords(() -> ExpiredIteratorException.builder().message("Iterator expired").build());

        assertThat(firstPage).containsExactlyElementsOf(texts("r", 0, 10));
        assertThat(take(records, Integer.MAX_VALUE)).containsExactlyElementsOf(texts("r", 10, 30));
        assertThat(shard.iteratorTypes()).containsExactly(ShardIteratorType.AT_SEQUENCE_NUMBER,
                ShardIteratorType.AFTER_SEQUENCE_NUMBER);
    }

    private KinesisRangeReader reader(FakeShard shard) {
        Sleeper pacingSleeper = millis -> {
            pacingWaits.add(millis);
            clock.addAndGet(millis);
        };
        Sleeper retrySleeper = millis -> {
            retryWaits.add(millis);
            clock.addAndGet(millis);
        };
        ShardCallPacers pacers = new ShardCallPacers(() -> new ShardCallPacer(
                ShardCallPacer.DEFAULT_MIN_INTERVAL_MILLIS, ShardCallPacer.DEFAULT_BYTES_PER_SECOND, clock::get,
                pacingSleeper));
        return new KinesisRangeReader(shard, new RetryingKinesisCall(new KinesisRetrySettings(100, 3), retrySleeper),
                pacers, KinesisRangeReader.MAX_RECORDS_PER_CALL);
    }

    private static SequenceNumberRange range(int first, int last) {
        return new SequenceNumberRange(FakeShard.STREAM, FakeShard.SHARD, position(first), position(last),
                last - first + 1);
    }

    private static RecordPosition position(int index) {
        return new RecordPosition(FakeShard.sequenceNumber(index), 0);
    }

    private static List<String> take(Iterator<KinesisClientRecord> records, int count) {
        List<String> taken = new ArrayList<>();
        while (taken.size() < count && records.hasNext()) {
            KinesisClientRecord record = records.next();
            byte[] bytes = new byte[record.data().remaining()];
            record.data().duplicate().get(bytes);
            taken.add(new String(bytes, StandardCharsets.UTF_8));
        }
        return taken;
    }

    private static List<String> texts(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static RuntimeException throttled() {
        return ProvisionedThroughputExceededException.builder().message("Rate exceeded for shard").build();
    }
}
