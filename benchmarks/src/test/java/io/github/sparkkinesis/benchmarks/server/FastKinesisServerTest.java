package io.github.sparkkinesis.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Drives {@link FastKinesisServer} with unmodified SDK clients in both wire formats: the default (CBOR) and JSON.
 */
class FastKinesisServerTest {

    private static final AtomicInteger STREAMS = new AtomicInteger();

    private static FastKinesisServer server;

    /** The two encodings, each with the client that speaks it and the Content-Type it must send. */
    enum Wire {
        CBOR(SdkClients::cbor, "application/x-amz-cbor-1.1"),
        JSON(SdkClients::json, "application/x-amz-json-1.1");

        private final Function<URI, KinesisClient> factory;
        private final String contentType;

        Wire(Function<URI, KinesisClient> factory, String contentType) {
            this.factory = factory;
            this.contentType = contentType;
        }

        KinesisClient client() {
            return factory.apply(server.endpoint());
        }
    }

    @BeforeAll
    static void startServer() {
        server = FastKinesisServer.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static String newStreamName() {
        return "stream-" + STREAMS.incrementAndGet();
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void clientSpeaksTheExpectedWireFormat(Wire wire) {
        InMemoryStream stream = server.createStream(newStreamName(), 1);
        try (KinesisClient client = wire.client()) {
            SdkClients.SENT_CONTENT_TYPES.clear();
            client.describeStreamSummary(b -> b.streamName(stream.name()));
            assertThat(SdkClients.SENT_CONTENT_TYPES).containsExactly(wire.contentType);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void describesAndListsStreams(Wire wire) {
        try (KinesisClient client = wire.client()) {
            String name = newStreamName();
            Instant before = Instant.now().minusMillis(1);
            client.createStream(b -> b.streamName(name).shardCount(3));

            StreamDescriptionSummary summary = client.describeStreamSummary(b -> b.streamName(name))
                    .streamDescriptionSummary();
            assertThat(summary.streamName()).isEqualTo(name);
            assertThat(summary.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
            assertThat(summary.openShardCount()).isEqualTo(3);
            assertThat(summary.streamCreationTimestamp()).isAfter(before).isBefore(Instant.now().plusMillis(1));
            assertThat(summary.streamARN()).endsWith(":stream/" + name);
            assertThat(summary.streamId()).isNotEmpty();

            StreamDescription description = client.describeStream(b -> b.streamARN(summary.streamARN()).limit(2))
                    .streamDescription();
            assertThat(description.shards()).extracting(Shard::shardId)
                    .containsExactly("shardId-000000000000", "shardId-000000000001");
            assertThat(description.hasMoreShards()).isTrue();

            assertThat(client.listStreams().streamNames()).contains(name);
            assertThatThrownBy(() -> client.createStream(b -> b.streamName(name).shardCount(1)))
                    .isInstanceOf(ResourceInUseException.class);
            assertThatThrownBy(() -> client.describeStreamSummary(b -> b.streamName("no-such-stream")))
                    .isInstanceOf(ResourceNotFoundException.class)
                    .hasMessageContaining("no-such-stream");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void listsShardsCoveringTheHashKeySpaceInPages(Wire wire) {
        InMemoryStream stream = server.createStream(newStreamName(), 5);
        try (KinesisClient client = wire.client()) {
            ListShardsResponse first = client.listShards(b -> b.streamName(stream.name()).maxResults(3));
            assertThat(first.shards()).hasSize(3);
            assertThat(first.nextToken()).isNotNull();
            ListShardsResponse second = client.listShards(b -> b.nextToken(first.nextToken()));
            assertThat(second.nextToken()).isNull();

            List<Shard> shards = new ArrayList<>(first.shards());
            shards.addAll(second.shards());
            assertThat(shards).extracting(Shard::shardId).containsExactly("shardId-000000000000",
                    "shardId-000000000001", "shardId-000000000002", "shardId-000000000003", "shardId-000000000004");
            BigInteger expectedStart = BigInteger.ZERO;
            for (Shard shard : shards) {
                assertThat(new BigInteger(shard.hashKeyRange().startingHashKey())).isEqualTo(expectedStart);
                expectedStart = new BigInteger(shard.hashKeyRange().endingHashKey()).add(BigInteger.ONE);
                assertThat(shard.sequenceNumberRange().startingSequenceNumber()).hasSize(56);
                assertThat(shard.sequenceNumberRange().endingSequenceNumber()).isNull();
            }
            assertThat(expectedStart).isEqualTo(BigInteger.ONE.shiftLeft(128));

            // The filters the KCL's shard syncer sends, by initial position, and the one for child shards.
            assertThat(client.listShards(b -> b.streamName(stream.name())
                    .shardFilter(f -> f.type(ShardFilterType.AT_TRIM_HORIZON))).shards()).hasSize(5);
            assertThat(client.listShards(b -> b.streamName(stream.name())
                    .shardFilter(f -> f.type(ShardFilterType.AT_TIMESTAMP).timestamp(Instant.now()))).shards())
                    .hasSize(5);
            assertThat(client.listShards(b -> b.streamName(stream.name())
                    .shardFilter(f -> f.type(ShardFilterType.AFTER_SHARD_ID).shardId("shardId-000000000002")))
                    .shards()).extracting(Shard::shardId)
                    .containsExactly("shardId-000000000003", "shardId-000000000004");
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void iteratesAPreloadedShardToItsEnd(Wire wire) {
        InMemoryStream stream = server.createStream(newStreamName(), 2);
        stream.preload(25_000, (shard, index) -> ("record " + shard + "/" + index).getBytes(StandardCharsets.UTF_8));
        InMemoryShard shard = stream.shards().get(1);
        try (KinesisClient client = wire.client()) {
            String iterator = client.getShardIterator(b -> b.streamName(stream.name()).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Integer> batchSizes = new ArrayList<>();
            BigInteger previous = BigInteger.valueOf(-1);
            long index = 0;
            while (true) {
                String current = iterator;
                GetRecordsResponse response = client.getRecords(b -> b.shardIterator(current));
                batchSizes.add(response.records().size());
                for (Record record : response.records()) {
                    BigInteger sequenceNumber = new BigInteger(record.sequenceNumber());
                    assertThat(sequenceNumber).isGreaterThan(previous);
                    previous = sequenceNumber;
                    assertThat(record.data().asUtf8String()).isEqualTo("record 1/" + index);
                    assertThat(record.partitionKey()).isEqualTo(shard.partitionKey());
                    index++;
                }
                assertThat(response.nextShardIterator()).isNotNull();
                assertThat(response.childShards()).isEmpty();
                iterator = response.nextShardIterator();
                if (response.records().isEmpty()) {
                    assertThat(response.millisBehindLatest()).isZero();
                    break;
                }
            }
            assertThat(batchSizes).containsExactly(10_000, 10_000, 5_000, 0);
            assertThat(previous.toString()).hasSize(56).isEqualTo(shard.sequenceNumber(24_999));
            // The preloaded partition key really maps to the shard the record is in.
            assertThat(stream.shardForPartitionKey(shard.partitionKey())).isSameAs(shard);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void startsAtOrAfterASequenceNumber(Wire wire) {
        InMemoryStream stream = server.createStream(newStreamName(), 1);
        stream.preload(5_000, (shard, index) -> Long.toString(index).getBytes(StandardCharsets.UTF_8));
        InMemoryShard shard = stream.shards().get(0);
        try (KinesisClient client = wire.client()) {
            String sequenceNumber = readAll(client, stream.name(), shard.shardId(), ShardIteratorType.TRIM_HORIZON)
                    .get(1234).sequenceNumber();

            List<Record> at = firstBatch(client, b -> b.streamName(stream.name()).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(sequenceNumber));
            assertThat(at.get(0).sequenceNumber()).isEqualTo(sequenceNumber);
            assertThat(at.get(0).data().asUtf8String()).isEqualTo("1234");
            assertThat(at).hasSize(5_000 - 1234);

            List<Record> after = firstBatch(client, b -> b.streamName(stream.name()).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).startingSequenceNumber(sequenceNumber));
            assertThat(after.get(0).data().asUtf8String()).isEqualTo("1235");

            String otherShards = SequenceNumbers.format(7, 1234);
            assertThatThrownBy(() -> client.getShardIterator(b -> b.streamName(stream.name()).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(otherShards)))
                    .isInstanceOf(InvalidArgumentException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void readsBackPutRecordsFromLatest(Wire wire) {
        InMemoryStream stream = server.createStream(newStreamName(), 4);
        stream.preload(100, RecordPayloadGenerator.repeating(10));
        try (KinesisClient client = wire.client()) {
            List<String> latest = new ArrayList<>();
            for (InMemoryShard shard : stream.shards()) {
                latest.add(client.getShardIterator(b -> b.streamName(stream.name()).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator());
            }
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey("key-" + i)
                        .data(SdkBytes.fromUtf8String("value-" + i)).build());
            }
            PutRecordsResponse put = client.putRecords(b -> b.streamName(stream.name()).records(entries));
            assertThat(put.failedRecordCount()).isZero();
            assertThat(put.records()).hasSize(200);
            // Four shards with 200 keys: MD5 spreads them over all of them.
            assertThat(put.records().stream().map(PutRecordsResultEntry::shardId).distinct()).hasSize(4);
            PutRecordResponse single = client.putRecord(b -> b.streamName(stream.name()).partitionKey("key-0")
                    .data(SdkBytes.fromUtf8String("single")));
            assertThat(single.shardId()).isEqualTo(put.records().get(0).shardId());

            Map<String, String> shardIdByValue = new HashMap<>();
            Map<String, String> sequenceNumberByValue = new HashMap<>();
            for (int i = 0; i < 200; i++) {
                shardIdByValue.put("value-" + i, put.records().get(i).shardId());
                sequenceNumberByValue.put("value-" + i, put.records().get(i).sequenceNumber());
            }
            shardIdByValue.put("single", single.shardId());
            sequenceNumberByValue.put("single", single.sequenceNumber());

            int read = 0;
            for (int i = 0; i < stream.shards().size(); i++) {
                String shardId = stream.shards().get(i).shardId();
                String iterator = latest.get(i);
                for (Record record : client.getRecords(b -> b.shardIterator(iterator)).records()) {
                    String value = record.data().asUtf8String();
                    assertThat(shardIdByValue.get(value)).as(value).isEqualTo(shardId);
                    assertThat(record.sequenceNumber()).isEqualTo(sequenceNumberByValue.get(value));
                    assertThat(stream.shardForPartitionKey(record.partitionKey()).shardId()).isEqualTo(shardId);
                    read++;
                }
            }
            assertThat(read).isEqualTo(201);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void reportsHowFarBehindTheNewestRecordAResponseIs(Wire wire) {
        InMemoryStream stream = server.createStream(newStreamName(), 1);
        stream.preload(1_000, RecordPayloadGenerator.repeating(100), Duration.ofSeconds(60));
        InMemoryShard shard = stream.shards().get(0);
        long newest = shard.log().arrivalMillis(999);
        try (KinesisClient client = wire.client()) {
            String iterator = client.getShardIterator(b -> b.streamName(stream.name()).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            GetRecordsResponse first = client.getRecords(b -> b.shardIterator(iterator).limit(100));
            Record last = first.records().get(99);
            assertThat(first.millisBehindLatest())
                    .isEqualTo(newest - last.approximateArrivalTimestamp().toEpochMilli())
                    .isBetween(50_000L, 60_000L);
            // The timestamp survives the trip through either encoding to the millisecond.
            assertThat(last.approximateArrivalTimestamp().toEpochMilli()).isEqualTo(shard.log().arrivalMillis(99));

            GetRecordsResponse rest = client.getRecords(b -> b.shardIterator(first.nextShardIterator()));
            assertThat(rest.records()).hasSize(900);
            assertThat(rest.millisBehindLatest()).isZero();

            Instant middle = Instant.ofEpochMilli(shard.log().arrivalMillis(500));
            List<Record> atTimestamp = firstBatch(client, b -> b.streamName(stream.name()).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(middle));
            // Preloaded arrival times are 60 ms apart, so exactly record 500 arrived at that instant.
            assertThat(atTimestamp.get(0).approximateArrivalTimestamp()).isEqualTo(middle);
            assertThat(atTimestamp.get(0).sequenceNumber()).isEqualTo(shard.sequenceNumber(500));
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void answersUnknownOperationsWithAnErrorNamingThem(Wire wire) {
        try (KinesisClient client = wire.client()) {
            assertThatThrownBy(() -> client.describeLimits(b -> { }))
                    .isInstanceOfSatisfying(KinesisException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                        assertThat(e.awsErrorDetails().errorMessage()).contains("DescribeLimits");
                    });
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void rejectsIteratorsItDidNotIssue(Wire wire) {
        try (KinesisClient client = wire.client()) {
            assertThatThrownBy(() -> client.getRecords(b -> b.shardIterator("AAAAAAAAAAAAAAAA")))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("Invalid ShardIterator");
        }
    }

    /** HTTP/1.1 as our connector's KCL client speaks it, HTTP/2 with prior knowledge as Spark's connector does. */
    @ParameterizedTest
    @EnumSource(value = Protocol.class, names = {"HTTP1_1", "HTTP2"})
    void servesTheAsyncNettyClientTheKclUses(Protocol protocol) throws Exception {
        InMemoryStream stream = server.createStream(newStreamName(), 2);
        stream.preload(20_000, RecordPayloadGenerator.repeating(1024));
        try (KinesisAsyncClient client = SdkClients.async(server.endpoint(), protocol)) {
            String iterator = client.getShardIterator(b -> b.streamName(stream.name()).shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).get().shardIterator();
            GetRecordsResponse response = client.getRecords(b -> b.shardIterator(iterator)).get();
            assertThat(response.records()).hasSize(10_000);
            assertThat(response.records().get(0).data().asByteArray()).hasSize(1024);
        }
    }

    private static List<Record> readAll(KinesisClient client, String stream, String shardId, ShardIteratorType type) {
        String iterator = client.getShardIterator(b -> b.streamName(stream).shardId(shardId).shardIteratorType(type))
                .shardIterator();
        List<Record> records = new ArrayList<>();
        while (true) {
            String current = iterator;
            GetRecordsResponse response = client.getRecords(b -> b.shardIterator(current));
            if (response.records().isEmpty()) {
                return records;
            }
            records.addAll(response.records());
            iterator = response.nextShardIterator();
        }
    }

    private static List<Record> firstBatch(KinesisClient client, Consumer<GetShardIteratorRequest.Builder> request) {
        String iterator = client.getShardIterator(request).shardIterator();
        return client.getRecords(b -> b.shardIterator(iterator)).records();
    }
}
