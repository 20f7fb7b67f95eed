package org.apache.spark.streaming.kinesis.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KplAggregatedRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.kinesis.retrieval.AggregatorUtil;

/** One shard read a page at a time from each kind of starting point, on an in-memory shard. */
class ShardPageReaderTest {

    private static final HashKeyRange WHOLE_RANGE = HashKeyRange.builder().startingHashKey("0")
            .endingHashKey("340282366920938463463374607431768211455").build();

    /** Records: "plain-0", an aggregate of "agg-0" .. "agg-4", "plain-1", "plain-2". */
    private final FakeShard shard = new FakeShard(10);
    private final String aggregate;

    ShardPageReaderTest() {
        shard.add(bytes("plain-0"));
        KplAggregatedRecord records = new KplAggregatedRecord();
        for (int i = 0; i < 5; i++) {
            records.add("agg", bytes("agg-" + i));
        }
        aggregate = shard.add(records.toBytes());
        shard.add(bytes("plain-1"));
        shard.add(bytes("plain-2"));
    }

    private ShardPageReader reader(StartingPoint start) {
        ShardCallPacers noPacing = new ShardCallPacers(() -> new ShardCallPacer(0, Long.MAX_VALUE,
                System::currentTimeMillis, millis -> { }));
        return new ShardPageReader(shard, new RetryingKinesisCall(new KinesisRetrySettings(100, 3), millis -> { }),
                noPacing, new AggregatorUtil(), FakeShard.STREAM, FakeShard.SHARD, WHOLE_RANGE, start, "test");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> texts(ShardPage page) {
        return page.records().stream().map(TestPayloads::text).toList();
    }

    @Test
    void fromTheTrimHorizonEveryUserRecordComesDeAggregated() {
        ShardPage page = reader(StartingPoint.trimHorizon()).next(100);

        assertThat(texts(page)).containsExactly("plain-0", "agg-0", "agg-1", "agg-2", "agg-3", "agg-4", "plain-1",
                "plain-2");
        assertThat(page.kinesisRecords()).isEqualTo(4);
        assertThat(page.atTip()).isTrue();
        assertThat(page.startMissing()).isFalse();
    }

    @Test
    void afterAUserRecordOfAnAggregateTheRestOfItComesFirst() {
        ShardPage page = reader(StartingPoint.after(new RecordPosition(aggregate, 2))).next(100);

        assertThat(texts(page)).containsExactly("agg-3", "agg-4", "plain-1", "plain-2");
        assertThat(page.records().get(0).subSequenceNumber()).isEqualTo(3);
    }

    @Test
    void afterAPlainRecordTheNextRecordComesFirst() {
        ShardPage page = reader(StartingPoint.after(new RecordPosition(FakeShard.sequenceNumber(0), 0))).next(100);

        assertThat(texts(page)).startsWith("agg-0").endsWith("plain-2").hasSize(7);
    }

    @Test
    void aStartThatExpiredIsReportedWithTheFirstRecordLeft() {
        shard.trim(2);

        ShardPage page = reader(StartingPoint.after(new RecordPosition(aggregate, 2))).next(100);

        assertThat(page.startMissing()).isTrue();
        assertThat(page.firstSequenceNumber()).isEqualTo(FakeShard.sequenceNumber(2));
        assertThat(texts(page)).containsExactly("plain-1", "plain-2");
    }

    @Test
    void aClosedShardEndsWithItsLastPage() {
        shard.close(true);
        ShardPageReader reader = reader(StartingPoint.trimHorizon());

        ShardPage first = reader.next(2);
        assertThat(reader.ended()).isFalse();
        ShardPage last = reader.next(10);

        assertThat(texts(first)).hasSize(6);
        assertThat(texts(last)).containsExactly("plain-1", "plain-2");
        assertThat(last.shardEnded()).isTrue();
        assertThat(reader.ended()).isTrue();
    }

    @Test
    void anExpiredIteratorIsRenewedRightAfterTheLastRecordRead() {
        ShardPageReader reader = reader(StartingPoint.trimHorizon());
        List<String> read = new ArrayList<>(texts(reader.next(2)));
        shard.failGetRecords(() -> ExpiredIteratorException.builder().message("Iterator expired").build());

        read.addAll(texts(reader.next(10)));

        assertThat(read).containsExactly("plain-0", "agg-0", "agg-1", "agg-2", "agg-3", "agg-4", "plain-1",
                "plain-2");
        assertThat(shard.iteratorTypes()).containsExactly(ShardIteratorType.TRIM_HORIZON,
                ShardIteratorType.AFTER_SEQUENCE_NUMBER);
    }
}
