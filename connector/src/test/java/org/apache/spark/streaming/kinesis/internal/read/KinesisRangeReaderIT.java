package org.apache.spark.streaming.kinesis.internal.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkkinesis.localstack.KplAggregatedRecord;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** Re-reading exact ranges of a shard from the local Kinesis server. */
@ExtendWith(LocalStackExtension.class)
class KinesisRangeReaderIT {

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Integer> getRecordsLimits = new CopyOnWriteArrayList<>();

    @Test
    void readsExactlyTheRangesWithOneShardIteratorPerPass(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("ranges", 1);
        List<ProducedRecord> produced = stack.streams().putRecords(stream, TestPayloads.numbered("r", 50));
        List<SequenceNumberRange> ranges = List.of(range(stream, produced, 5, 14), range(stream, produced, 15, 29),
                range(stream, produced, 40, 44));

        List<KinesisClientRecord> records = readAll(reader(stack).read(ranges));

        assertThat(records).extracting(record -> TestPayloads.text(bytes(record))).containsExactlyElementsOf(
                java.util.stream.Stream.of(produced.subList(5, 30), produced.subList(40, 45))
                        .flatMap(List::stream).map(record -> TestPayloads.text(record.data())).toList());
        assertThat(calls.get("getShardIterator")).hasValue(1);
    }

    @Test
    void anAggregateSplitAcrossTwoRangesYieldsEachUserRecordOnce(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("split-aggregate", 1);
        KplAggregatedRecord first = new KplAggregatedRecord();
        KplAggregatedRecord second = new KplAggregatedRecord();
        for (int i = 0; i < 10; i++) {
            first.add("k", ("first-" + i).getBytes(StandardCharsets.UTF_8));
            second.add("k", ("second-" + i).getBytes(StandardCharsets.UTF_8));
        }
        ProducedRecord one = stack.streams().putRecord(stream, first.toBytes(), "k", null);
        ProducedRecord two = stack.streams().putRecord(stream, second.toBytes(), "k", null);
        String shard = one.shardId();
        SequenceNumberRange head = new SequenceNumberRange(stream, shard, new RecordPosition(one.sequenceNumber(), 0),
                new RecordPosition(one.sequenceNumber(), 4), 5);
        SequenceNumberRange tail = new SequenceNumberRange(stream, shard, new RecordPosition(one.sequenceNumber(), 5),
                new RecordPosition(two.sequenceNumber(), 9), 15);

        List<KinesisClientRecord> headRecords = readAll(reader(stack).read(List.of(head)));
        List<KinesisClientRecord> tailRecords = readAll(reader(stack).read(List.of(tail)));

        assertThat(headRecords).extracting(record -> TestPayloads.text(bytes(record)))
                .containsExactly("first-0", "first-1", "first-2", "first-3", "first-4");
        assertThat(tailRecords).extracting(record -> TestPayloads.text(bytes(record))).hasSize(15)
                .startsWith("first-5").endsWith("second-9").doesNotHaveDuplicates();
        assertThat(tailRecords).allMatch(KinesisClientRecord::aggregated);
    }

    @Test
    void aRangeThatIsNotAllThereFailsNamingStreamShardAndRange(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("incomplete", 1);
        List<ProducedRecord> produced = stack.streams().putRecords(stream, TestPayloads.numbered("i", 10));
        ProducedRecord first = produced.get(0);
        SequenceNumberRange tooMany = new SequenceNumberRange(stream, first.shardId(),
                new RecordPosition(first.sequenceNumber(), 0),
                new RecordPosition(produced.get(9).sequenceNumber(), 0), 20);

        assertThatThrownBy(() -> readAll(reader(stack).read(List.of(tooMany))))
                .isInstanceOf(KinesisRangeReadException.class)
                .hasMessageContaining("shard " + first.shardId() + " of stream " + stream)
                .hasMessageContaining(first.sequenceNumber())
                .hasMessageContaining("read 10 of its 20 records");
    }

    @Test
    void aRangeBeyondTheEndOfAClosedShardFails(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("closed", 1);
        List<ProducedRecord> produced = stack.streams().putRecords(stream, TestPayloads.numbered("c", 5));
        String shard = produced.get(0).shardId();
        stack.streams().splitShard(stream, shard);
        BigInteger beyond = new BigInteger(produced.get(4).sequenceNumber()).add(BigInteger.ONE);
        SequenceNumberRange pastTheEnd = new SequenceNumberRange(stream, shard,
                new RecordPosition(produced.get(0).sequenceNumber(), 0), new RecordPosition(beyond.toString(), 0), 6);

        assertThatThrownBy(() -> readAll(reader(stack).read(List.of(pastTheEnd))))
                .isInstanceOf(KinesisRangeReadException.class)
                .hasMessageContaining("the shard ended");
    }

    @Test
    void aLargeRangeIsReadOnePageAtATimeAsItIsConsumed(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("large", 1);
        List<ProducedRecord> produced = stack.streams().putRecords(stream, TestPayloads.numbered("l", 1_800));
        Iterator<KinesisClientRecord> records = reader(stack, 500).read(List.of(range(stream, produced, 0, 1_799)));

        List<String> firstTen = new ArrayList<>();
        while (firstTen.size() < 10 && records.hasNext()) {
            firstTen.add(TestPayloads.text(bytes(records.next())));
        }

        assertThat(firstTen).containsExactlyElementsOf(texts(produced.subList(0, 10)));
        assertThat(getRecordsLimits).as("one page of at most 500 records read for the first ten").containsExactly(500);
        List<String> rest = new ArrayList<>();
        records.forEachRemaining(record -> rest.add(TestPayloads.text(bytes(record))));
        assertThat(rest).containsExactlyElementsOf(texts(produced.subList(10, 1_800)));
        assertThat(getRecordsLimits).as("the last call asks only for what is left").containsExactly(500, 500, 500,
                300);
    }

    private KinesisRangeReader reader(LocalStack stack) {
        return reader(stack, KinesisRangeReader.MAX_RECORDS_PER_CALL);
    }

    private KinesisRangeReader reader(LocalStack stack, int maxRecordsPerCall) {
        KinesisClient counting = (KinesisClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KinesisClient.class}, (proxy, method, args) -> {
                    calls.computeIfAbsent(method.getName(), name -> new AtomicInteger()).incrementAndGet();
                    if (args != null && args.length == 1 && args[0] instanceof GetRecordsRequest request) {
                        getRecordsLimits.add(request.limit());
                    }
                    try {
                        return method.invoke(stack.kinesisClient(), args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new KinesisRangeReader(counting, new RetryingKinesisCall(new KinesisRetrySettings(100, 3)),
                ShardCallPacers.jvmWide(), maxRecordsPerCall);
    }

    private static List<KinesisClientRecord> readAll(Iterator<KinesisClientRecord> records) {
        List<KinesisClientRecord> all = new ArrayList<>();
        records.forEachRemaining(all::add);
        return all;
    }

    private static List<String> texts(List<ProducedRecord> records) {
        return records.stream().map(record -> TestPayloads.text(record.data())).toList();
    }

    private static SequenceNumberRange range(String stream, List<ProducedRecord> produced, int from, int to) {
        return new SequenceNumberRange(stream, produced.get(from).shardId(),
                new RecordPosition(produced.get(from).sequenceNumber(), 0),
                new RecordPosition(produced.get(to).sequenceNumber(), 0), to - from + 1);
    }

    private static byte[] bytes(KinesisClientRecord record) {
        byte[] bytes = new byte[record.data().remaining()];
        record.data().duplicate().get(bytes);
        return bytes;
    }
}
