package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.testing.ChildJvm;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.LeaseCheckpoints;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.RecordingConsumerApp;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two consumers of one application in two processes share the shards evenly; when one stops, the other takes
 * over its shards and nothing is lost.
 */
@ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
class LeaseBalancingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    private ChildJvm other;

    @AfterEach
    void stopAll() {
        if (other != null) {
            other.close();
        }
    }

    @Test
    void twoProcessesShareFourShardsAndTheSurvivorTakesOver(LocalStack stack, StreamingContexts contexts)
            throws Exception {
        String stream = stack.streams().createUniqueStream("balance", 4);
        String app = KinesisStreamFixture.uniqueName("app");
        Path otherOutput = Files.createTempFile("other-consumer", ".txt");
        other = ChildJvm.start(RecordingConsumerApp.class, Files.createTempFile("other-consumer", ".log"),
                stack.kinesisEndpoint().toString(), stack.dynamoDbEndpoint().toString(), stream, app,
                otherOutput.toString());
        Eventually.await(TIMEOUT, () -> ownersOf(stack, app).size() == 4 && workerCount(stack, app) == 1,
                () -> "leases " + stack.leaseTables().owners(app) + "; other process log: " + other.log());

        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> local = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .build().asJava());
        ssc.start();
        awaitShared(stack, app);

        List<String> firstRound = TestPayloads.texts(TestPayloads.numbered("shared", 200));
        List<ProducedRecord> firstPut = stack.streams().putRecords(stream, TestPayloads.numbered("shared", 200));
        Eventually.await(TIMEOUT, () -> union(local, otherOutput).containsAll(firstRound),
                () -> union(local, otherOutput).size() + " of " + firstRound.size() + " distinct records seen");
        // A stopping receiver checkpoints only what the driver has processed (its unprocessed blocks may be
        // dropped); once all checkpoints have caught up, a stop hands over without any record read twice.
        LeaseCheckpoints.awaitCaughtUp(stack, app, firstPut, TIMEOUT);
        assertThat(TestPayloads.texts(local.records())).as("records read in this process").isNotEmpty();
        assertThat(RecordingConsumerApp.recorded(otherOutput)).as("records read by the other process").isNotEmpty();

        other.stop();
        Eventually.await(TIMEOUT, () -> leasesPerWorker(stack, app).equals(List.of(4)),
                () -> "leases after the other process stopped: " + stack.leaseTables().owners(app));
        List<String> secondRound = TestPayloads.texts(TestPayloads.numbered("survivor", 200));
        stack.streams().putRecords(stream, TestPayloads.numbered("survivor", 200));
        Eventually.await(TIMEOUT, () -> new HashSet<>(TestPayloads.texts(local.records())).containsAll(secondRound),
                () -> "the survivor read " + TestPayloads.texts(local.records()).stream()
                        .filter(t -> t.startsWith("survivor")).distinct().count() + " of " + secondRound.size());

        List<String> everything = new ArrayList<>(TestPayloads.texts(local.records()));
        everything.addAll(RecordingConsumerApp.recorded(otherOutput));
        long duplicates = everything.size() - new HashSet<>(everything).size();
        System.err.println("Records produced: 400, seen: " + everything.size() + ", duplicates: " + duplicates);
        assertThat(new HashSet<>(everything)).containsAll(firstRound).containsAll(secondRound);
        // Hand-overs checkpoint first, so a shard moving between processes is not read twice.
        assertThat(duplicates).isZero();
    }

    @Test
    void twoDStreamsOfOneApplicationStartedTogetherShareTheShards(LocalStack stack, StreamingContexts contexts) {
        String stream = stack.streams().createUniqueStream("together", 4);
        String app = KinesisStreamFixture.uniqueName("app");
        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> first = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon()).build().asJava());
        RecordSink<byte[]> second = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon()).build().asJava());
        ssc.start();
        // Records are put once the shards are shared: on a busy machine one receiver can start well before the
        // other, take every lease and read a backlog alone before the KCL moves two leases over.
        awaitShared(stack, app);
        List<byte[]> payloads = TestPayloads.numbered("together", 200);
        stack.streams().putRecords(stream, payloads);

        Eventually.await(TIMEOUT, () -> first.size() + second.size() >= payloads.size(),
                () -> (first.size() + second.size()) + " of " + payloads.size() + " records arrived");
        assertThat(first.records()).isNotEmpty();
        assertThat(second.records()).isNotEmpty();
        List<byte[]> all = new ArrayList<>(first.records());
        all.addAll(second.records());
        assertThat(TestPayloads.checksum(all)).isEqualTo(TestPayloads.checksum(payloads));
    }

    /**
     * Waits until two workers own two leases each, every hand-over done. KCL 3 hands a lease over gracefully: the
     * new owner is recorded first, and the old one reads on until it has checkpointed (while "checkpointOwner"
     * names it); only then does the new owner read the shard.
     */
    private static void awaitShared(LocalStack stack, String app) {
        Eventually.await(TIMEOUT, () -> leasesPerWorker(stack, app).equals(List.of(2, 2))
                        && stack.leaseTables().leases(app).stream().allMatch(lease -> lease.checkpointOwner() == null),
                () -> "leases " + stack.leaseTables().leases(app));
    }

    private static Set<String> union(RecordSink<byte[]> local, Path otherOutput) {
        Set<String> all = new HashSet<>(TestPayloads.texts(local.records()));
        all.addAll(RecordingConsumerApp.recorded(otherOutput));
        return all;
    }


    private static Map<String, String> ownersOf(LocalStack stack, String app) {
        Map<String, String> owners = new HashMap<>(stack.leaseTables().owners(app));
        owners.values().removeIf(Objects::isNull);
        return owners;
    }

    private static long workerCount(LocalStack stack, String app) {
        return ownersOf(stack, app).values().stream().distinct().count();
    }

    /** Lease counts of the workers owning leases, sorted; unowned leases are not counted. */
    private static List<Integer> leasesPerWorker(LocalStack stack, String app) {
        return ownersOf(stack, app).values().stream()
                .collect(Collectors.groupingBy(owner -> owner, Collectors.summingInt(owner -> 1)))
                .values().stream().sorted().toList();
    }
}
