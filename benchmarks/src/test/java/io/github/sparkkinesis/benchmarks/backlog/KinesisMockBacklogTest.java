package io.github.sparkkinesis.benchmarks.backlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.github.sparkkinesis.localstack.LocalStack;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

class KinesisMockBacklogTest {

    private static final String STREAM = "backlog";
    private static final int SHARDS = 2;
    private static final int RECORDS_PER_SHARD = 2_000;
    private static final int KEYS_PER_SHARD = 50;
    private static final int PAYLOAD_BYTES = 100;
    private static final Instant FIRST_ARRIVAL =
            Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
    private static final ShardHashRanges RANGES = ShardHashRanges.evenlySplit(SHARDS);
    private static final List<List<String>> KEYS = IntStream.range(0, SHARDS)
            .mapToObj(shard -> RANGES.partitionKeys(shard, "key-", KEYS_PER_SHARD))
            .toList();

    @TempDir
    static Path directory;

    private static Path stateFile;

    @BeforeAll
    static void writeBacklog() {
        stateFile = KinesisMockBacklog.of(STREAM, SHARDS, RECORDS_PER_SHARD, KinesisMockBacklogTest::record)
                .withArrivals(FIRST_ARRIVAL, Duration.ofMillis(1))
                .writeTo(directory.resolve("kinesis-state.json"));
    }

    @Test
    void loadsEveryRecordInOrderWithItsPayloadAndArrivalTime() {
        try (LocalStack stack = LocalStack.startWithKinesisState(stateFile)) {
            List<Shard> shards = stack.streams().shards(STREAM);
            assertThat(shards).extracting(Shard::shardId)
                    .containsExactly(KinesisMockBacklog.shardId(0), KinesisMockBacklog.shardId(1));

            for (int shard = 0; shard < SHARDS; shard++) {
                assertThat(shards.get(shard).hashKeyRange().startingHashKey())
                        .isEqualTo(RANGES.startingHashKey(shard).toString());
                assertThat(shards.get(shard).hashKeyRange().endingHashKey())
                        .isEqualTo(RANGES.endingHashKey(shard).toString());
                List<Record> records = readAll(stack.kinesisClient(), KinesisMockBacklog.shardId(shard));

                assertThat(records).hasSize(RECORDS_PER_SHARD);
                assertThat(records).extracting(r -> new BigInteger(r.sequenceNumber()))
                        .isSortedAccordingTo(BigInteger::compareTo)
                        .doesNotHaveDuplicates();
                for (int index = 0; index < RECORDS_PER_SHARD; index++) {
                    Record read = records.get(index);
                    BacklogRecord expected = record(shard, index);
                    assertThat(read.partitionKey()).isEqualTo(expected.partitionKey());
                    assertThat(read.data().asByteArray()).isEqualTo(expected.data());
                    assertThat(read.approximateArrivalTimestamp()).isEqualTo(FIRST_ARRIVAL.plusMillis(index));
                }
            }
        }
    }

    @Test
    void recordsPutAfterLoadingFollowTheBacklog() {
        try (LocalStack stack = LocalStack.startWithKinesisState(stateFile)) {
            KinesisClient kinesis = stack.kinesisClient();
            String shardId = KinesisMockBacklog.shardId(1);
            List<Record> backlog = readAll(kinesis, shardId);
            String lastOfBacklog = backlog.get(backlog.size() - 1).sequenceNumber();

            PutRecordResponse put = kinesis.putRecord(b -> b.streamName(STREAM)
                    .partitionKey(KEYS.get(1).get(0))
                    .data(SdkBytes.fromUtf8String("after the backlog")));

            assertThat(put.shardId()).isEqualTo(shardId);
            assertThat(new BigInteger(put.sequenceNumber())).isGreaterThan(new BigInteger(lastOfBacklog));
            // How a consumer resumes from a checkpoint: kinesis-mock has to parse the backlog's sequence number.
            String iterator = kinesis.getShardIterator(b -> b.streamName(STREAM).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .startingSequenceNumber(lastOfBacklog)).shardIterator();
            assertThat(kinesis.getRecords(b -> b.shardIterator(iterator)).records())
                    .extracting(Record::sequenceNumber)
                    .containsExactly(put.sequenceNumber());
        }
    }

    @Test
    void hashRangesAreThoseOfCreateStream() {
        try (LocalStack stack = LocalStack.start()) {
            int shardCount = 3;
            stack.streams().createStream("created", shardCount);
            ShardHashRanges ranges = ShardHashRanges.evenlySplit(shardCount);

            assertThat(stack.streams().shards("created"))
                    .extracting(s -> s.hashKeyRange().startingHashKey(), s -> s.hashKeyRange().endingHashKey())
                    .containsExactlyElementsOf(IntStream.range(0, shardCount)
                            .mapToObj(shard -> tuple(
                                    ranges.startingHashKey(shard).toString(), ranges.endingHashKey(shard).toString()))
                            .toList());
        }
    }

    @Test
    void rejectsARecordWhosePartitionKeyMapsToAnotherShard() {
        KinesisMockBacklog misplaced = KinesisMockBacklog.of(STREAM, SHARDS, 1,
                (shard, index) -> new BacklogRecord(KEYS.get(1 - shard).get(0), new byte[1]));

        assertThatThrownBy(() -> misplaced.writeTo(directory.resolve("misplaced.json")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maps to shard 1");
    }

    private static BacklogRecord record(int shard, int index) {
        byte[] payload = Arrays.copyOf(("shard-" + shard + "-record-" + index + "-")
                .getBytes(StandardCharsets.UTF_8), PAYLOAD_BYTES);
        return new BacklogRecord(KEYS.get(shard).get(index % KEYS_PER_SHARD), payload);
    }

    /** A plain read loop: TRIM_HORIZON, then GetRecords until kinesis-mock returns nothing. */
    private static List<Record> readAll(KinesisClient kinesis, String shardId) {
        String iterator = kinesis.getShardIterator(b -> b.streamName(STREAM).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<Record> records = new ArrayList<>();
        while (true) {
            String current = iterator;
            GetRecordsResponse response = kinesis.getRecords(b -> b.shardIterator(current).limit(10_000));
            if (response.records().isEmpty()) {
                return records;
            }
            records.addAll(response.records());
            iterator = response.nextShardIterator();
        }
    }
}
