package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.LeaseCheckpoints;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.ReceivedRecord;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reading a stream end to end against the local Kinesis and DynamoDB servers. */
@ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
class KinesisInputDStreamIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final long TIMESTAMP_MARGIN_MILLIS = 5;

    @Test
    void readsEveryRecordOfAFourShardStreamFromTrimHorizon(LocalStack stack, StreamingContexts contexts) {
        String stream = stack.streams().createUniqueStream("trim-horizon", 4);
        String app = app();
        List<byte[]> payloads = TestPayloads.numbered("r", 400);
        stack.streams().putRecords(stream, payloads);
        JavaStreamingContext ssc = contexts.create();
        KinesisInputDStream<byte[]> dstream = LocalStackDStreams.builder(stack, ssc, stream, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .build();
        RecordSink<byte[]> sink = RecordSink.attach(dstream.asJava());
        List<StreamInputInfo> inputInfos = new CopyOnWriteArrayList<>();
        ssc.addStreamingListener(new StreamingListener() {
            @Override
            public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
                scala.Option<StreamInputInfo> info = completed.batchInfo().streamIdToInputInfo().get(dstream.id());
                if (info.isDefined()) {
                    inputInfos.add(info.get());
                }
            }
        });

        long start = System.nanoTime();
        ssc.start();
        Eventually.await(TIMEOUT, () -> sink.size() > 0, () -> "no record arrived");
        long firstRecordMillis = (System.nanoTime() - start) / 1_000_000;
        Eventually.await(TIMEOUT, () -> sink.size() >= payloads.size(),
                () -> sink.size() + " of " + payloads.size() + " records arrived");
        System.err.println("Time to first record: " + firstRecordMillis + " ms");

        assertThat(TestPayloads.checksum(sink.records())).isEqualTo(TestPayloads.checksum(payloads));
        assertThat(sink.size()).isEqualTo(payloads.size());
        Eventually.await(TIMEOUT, () -> shardRecords(inputInfos) >= payloads.size(),
                () -> "batch input information counts " + shardRecords(inputInfos) + " records");
        assertThat(inputInfos).allSatisfy(info -> assertThat(info.metadataDescription().get())
                .startsWith("Kinesis stream " + stream));
        assertThat(inputInfos.stream().flatMap(info -> KinesisShardInputInfo.of(info).stream())
                .map(KinesisShardInputInfo::shardId).distinct()).hasSize(4);
        // The operations guide promises one DynamoDB table per application.
        assertThat(stack.dynamoDbClient().listTables().tableNames()).filteredOn(table -> table.startsWith(app))
                .containsExactly(app);
    }

    private static long shardRecords(List<StreamInputInfo> inputInfos) {
        return inputInfos.stream().flatMap(info -> KinesisShardInputInfo.of(info).stream())
                .mapToLong(KinesisShardInputInfo::records).sum();
    }

    @Test
    void keepsShardOrderAndGivesTheHandlerKeySequenceNumberAndArrivalTime(LocalStack stack,
            StreamingContexts contexts) {
        String stream = stack.streams().createUniqueStream("handler", 4);
        long before = System.currentTimeMillis() - 1000;
        List<ProducedRecord> produced = stack.streams().putRecords(stream, TestPayloads.numbered("h", 300));
        long after = System.currentTimeMillis() + 1000;
        JavaStreamingContext ssc = contexts.create();
        RecordSink<ReceivedRecord> sink = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app())
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .buildWithMessageHandler(ReceivedRecord.HANDLER, ReceivedRecord.class)
                .asJava());

        ssc.start();
        Eventually.await(TIMEOUT, () -> sink.size() >= produced.size(),
                () -> sink.size() + " of " + produced.size() + " records arrived");

        List<ReceivedRecord> received = sink.records();
        assertThat(received).hasSize(produced.size());
        Map<String, ProducedRecord> producedBySequence = produced.stream()
                .collect(Collectors.toMap(ProducedRecord::sequenceNumber, Function.identity()));
        for (ReceivedRecord record : received) {
            ProducedRecord source = producedBySequence.get(record.sequenceNumber());
            assertThat(source).as("a produced record with sequence number %s", record.sequenceNumber()).isNotNull();
            assertThat(record.partitionKey()).isEqualTo(source.partitionKey());
            assertThat(record.data()).isEqualTo(source.data());
            assertThat(record.subSequenceNumber()).isZero();
            assertThat(record.arrivalMillis()).isBetween(before, after);
        }
        Map<String, List<BigInteger>> arrivalOrderPerShard = received.stream().collect(Collectors.groupingBy(
                record -> producedBySequence.get(record.sequenceNumber()).shardId(),
                Collectors.mapping(record -> new BigInteger(record.sequenceNumber()), Collectors.toList())));
        assertThat(arrivalOrderPerShard).hasSize(4);
        arrivalOrderPerShard.forEach((shard, sequence) ->
                assertThat(sequence).as("arrival order of shard %s", shard)
                        .isSortedAccordingTo(Comparator.naturalOrder()));
    }

    @Test
    void latestSkipsRecordsPutBeforeTheShardsWereOpened(LocalStack stack, StreamingContexts contexts) {
        String stream = stack.streams().createUniqueStream("latest", 2);
        stack.streams().putRecords(stream, TestPayloads.numbered("old", 50));
        String app = app();
        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> sink = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app)
                .build().asJava());

        ssc.start();
        // Keep putting new records, a round a second, until they flow: records put before a shard's iterator was
        // opened at LATEST are, rightly, not read either, so the test only asserts on what it can know. Nothing
        // tells from outside when the iterators are open; the deadline only bounds the loop.
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        for (int round = 0; sink.size() == 0 && System.nanoTime() < deadline; round++) {
            stack.streams().putRecords(stream, TestPayloads.numbered("new-" + round, 10));
            Eventually.sleep(1000);
        }
        Eventually.await(TIMEOUT, () -> sink.size() > 0, () -> "no new record arrived");

        assertThat(sink.records()).extracting(TestPayloads::text).allMatch(text -> text.startsWith("new-"));
    }

    @Test
    void atTimestampStartsWithTheFirstRecordAtOrAfterTheTimestamp(LocalStack stack, StreamingContexts contexts) {
        String stream = stack.streams().createUniqueStream("at-timestamp", 2);
        String app = app();
        stack.streams().putRecords(stream, TestPayloads.numbered("before", 40));
        // The servers run on this machine's clock: every record put so far arrived by now. The timestamp lies just
        // after, and the later records are put once the clock has passed it; a few milliseconds either side cover
        // the timestamp's rounding on its way to Kinesis (which compares arrival times in milliseconds).
        Date timestamp = new Date(System.currentTimeMillis() + TIMESTAMP_MARGIN_MILLIS);
        Eventually.await(TIMEOUT, () -> System.currentTimeMillis() > timestamp.getTime() + TIMESTAMP_MARGIN_MILLIS,
                () -> "the clock did not pass " + timestamp.toInstant());
        List<ProducedRecord> later = stack.streams().putRecords(stream, TestPayloads.numbered("after", 40));
        List<byte[]> laterPayloads = later.stream().map(ProducedRecord::data).toList();
        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> sink = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app)
                .initialPosition(new KinesisInitialPositions.AtTimestamp(timestamp))
                .build().asJava());

        ssc.start();
        Eventually.await(TIMEOUT, () -> sink.size() >= later.size(),
                () -> sink.size() + " of " + later.size() + " records arrived");
        // Earlier records read by mistake could still be on their way: once each shard's checkpoint reached its last
        // record, every delivery has gone through a completed batch.
        LeaseCheckpoints.awaitCaughtUp(stack, app, later, TIMEOUT);

        assertThat(TestPayloads.checksum(sink.records())).isEqualTo(TestPayloads.checksum(laterPayloads));
    }

    private static String app() {
        return KinesisStreamFixture.uniqueName("app");
    }
}
