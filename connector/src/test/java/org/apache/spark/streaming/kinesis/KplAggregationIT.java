package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.KplAggregatedRecord;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.RealKplProducer;
import org.apache.spark.streaming.kinesis.testing.ReceivedRecord;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/** Records aggregated in the KPL format are de-aggregated into their user records, and checkpointed exactly. */
@ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
class KplAggregationIT {

    private static final int AGGREGATES = 10;
    private static final int RECORDS_PER_AGGREGATE = 20;
    private static final int KPL_RECORDS = 1000;
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @Test
    void deaggregatesWhatTheRealKplProduced(LocalStack stack, StreamingContexts contexts) throws Exception {
        String stream = stack.streams().createUniqueStream("real-kpl", 2);
        List<byte[]> expected = new ArrayList<>();
        try (RealKplProducer kpl = new RealKplProducer(stack)) {
            // The KPL aggregates per shard once it knows the shard map, which it learns after its first record.
            kpl.awaitAggregating(stream, TIMEOUT).forEach(record -> expected.add(record.data()));
            for (int i = 0; i < KPL_RECORDS; i++) {
                expected.add(kpl.put(stream, "key-" + i, ("kpl-" + i).getBytes(StandardCharsets.UTF_8)));
            }
            kpl.flush();
        }
        JavaStreamingContext ssc = contexts.create();
        RecordSink<ReceivedRecord> sink = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream,
                        KinesisStreamFixture.uniqueName("app"))
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .buildWithMessageHandler(ReceivedRecord.HANDLER, ReceivedRecord.class)
                .asJava());

        ssc.start();
        Eventually.await(TIMEOUT, () -> sink.size() >= expected.size(),
                () -> sink.size() + " of " + expected.size() + " user records arrived");

        List<ReceivedRecord> received = sink.records();
        long kinesisRecords = received.stream().map(ReceivedRecord::sequenceNumber).distinct().count();
        System.err.println("Real KPL: " + expected.size() + " user records in " + kinesisRecords
                + " Kinesis records");
        assertThat(TestPayloads.checksum(received.stream().map(ReceivedRecord::data).toList()))
                .isEqualTo(TestPayloads.checksum(expected));
        assertThat(received).anyMatch(ReceivedRecord::aggregated);
        assertThat(kinesisRecords).isLessThan(expected.size());
    }

    @Test
    void deliversEveryUserRecordWithItsSubSequenceNumber(LocalStack stack, StreamingContexts contexts) {
        String stream = stack.streams().createUniqueStream("kpl", 1);
        String app = KinesisStreamFixture.uniqueName("app");
        List<byte[]> expected = new ArrayList<>(TestPayloads.numbered("plain", 20));
        stack.streams().putRecords(stream, expected);
        ProducedRecord lastAggregate = null;
        for (int a = 0; a < AGGREGATES; a++) {
            // The KCL checks each user record's hash key against the shard: keep them on the aggregate's key.
            String key = "aggregate-" + a;
            KplAggregatedRecord aggregate = new KplAggregatedRecord();
            for (int r = 0; r < RECORDS_PER_AGGREGATE; r++) {
                byte[] payload = (key + "-user-" + r).getBytes(StandardCharsets.UTF_8);
                aggregate.add(key, payload);
                expected.add(payload);
            }
            lastAggregate = stack.streams().putRecord(stream, aggregate.toBytes(), key, null);
        }
        JavaStreamingContext ssc = contexts.create();
        RecordSink<ReceivedRecord> sink = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .checkpointInterval(new org.apache.spark.streaming.Duration(1000))
                .buildWithMessageHandler(ReceivedRecord.HANDLER, ReceivedRecord.class)
                .asJava());

        ssc.start();
        Eventually.await(TIMEOUT, () -> sink.size() >= expected.size(),
                () -> sink.size() + " of " + expected.size() + " user records arrived");

        List<ReceivedRecord> received = sink.records();
        assertThat(TestPayloads.checksum(received.stream().map(ReceivedRecord::data).toList()))
                .isEqualTo(TestPayloads.checksum(expected));
        Map<String, List<Long>> subSequencesPerAggregate = received.stream()
                .filter(ReceivedRecord::aggregated)
                .collect(Collectors.groupingBy(ReceivedRecord::sequenceNumber,
                        Collectors.mapping(ReceivedRecord::subSequenceNumber, Collectors.toList())));
        assertThat(subSequencesPerAggregate).hasSize(AGGREGATES);
        List<Long> zeroToNineteen = java.util.stream.LongStream.range(0, RECORDS_PER_AGGREGATE).boxed().toList();
        subSequencesPerAggregate.values().forEach(subSequences -> assertThat(subSequences).isEqualTo(zeroToNineteen));
        // The checkpoint names the exact user record: the last one of the last aggregate.
        ExtendedSequenceNumber expectedCheckpoint =
                new ExtendedSequenceNumber(lastAggregate.sequenceNumber(), (long) RECORDS_PER_AGGREGATE - 1);
        String shard = lastAggregate.shardId();
        Eventually.await(TIMEOUT,
                () -> expectedCheckpoint.equals(stack.leaseTables().checkpoints(app).get(shard)),
                () -> "checkpoint " + stack.leaseTables().checkpoints(app).get(shard) + ", expected "
                        + expectedCheckpoint);
    }
}
