package org.apache.spark.streaming.kinesis;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.SparkTestContext;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Starting and stopping receivers repeatedly leaves no threads (or the clients that own them) behind. */
@ExtendWith(LocalStackExtension.class)
class ReceiverLifecycleIT {

    /** Spark's own pools grow with the work done and shrink when idle; they are not the receiver's. */
    private static final List<String> SPARK_POOLS = List.of("block-manager-", "Executor task", "task-result-getter",
            "dispatcher-", "map-output-dispatcher", "shuffle-", "rpc-", "RemoteBlock", "process reaper");

    /** Receiver threads: the KCL's, and the SDK clients' event loops. */
    private static final List<String> RECEIVER_THREADS = List.of("kinesis-", "ShardRecordProcessor",
            "LeaseCoordinator", "LeaseDiscovery", "aws-java-sdk-NettyEventLoop");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /**
     * How long the threads of a stopped receiver get to end: generous for a busy machine, yet shorter than the
     * 60 s keep-alive of the JDK's cached pools, whose idle threads would otherwise hide an executor never shut
     * down.
     */
    private static final Duration THREADS_END = Duration.ofSeconds(30);

    @Test
    void repeatedStartAndStopDoesNotLeakThreads(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("lifecycle", 2);
        String app = KinesisStreamFixture.uniqueName("app");
        // The first cycle starts the KCL's and the SDK's JVM-wide pools (created once, on first use).
        runOneCycle(stack, stream, app, 0);
        Set<Thread> afterFirstCycle = liveThreads();

        runOneCycle(stack, stream, app, 1);
        runOneCycle(stack, stream, app, 2);

        // Threads of a stopped receiver end after the stop returns (each finishes what it was doing): a leaked one
        // is still alive at the deadline.
        Eventually.await(THREADS_END, () -> leftOverSince(afterFirstCycle).isEmpty(),
                () -> "threads started by later cycles and still alive: " + leftOverSince(afterFirstCycle));
    }

    private static void runOneCycle(LocalStack stack, String stream, String app, int cycle) {
        stack.streams().putRecords(stream, TestPayloads.numbered("cycle-" + cycle, 20));
        var ssc = SparkTestContext.newStreamingContext();
        RecordSink<byte[]> sink = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .build().asJava());
        ssc.start();
        Eventually.await(TIMEOUT, () -> sink.size() >= 20, () -> sink.size() + " records");
        SparkTestContext.stop(ssc);
        Eventually.await(THREADS_END, () -> receiverThreads().isEmpty(),
                () -> "receiver threads still alive after cycle " + cycle + ": " + receiverThreads());
    }

    private static List<String> receiverThreads() {
        return liveThreads().stream().map(Thread::getName)
                .filter(name -> RECEIVER_THREADS.stream().anyMatch(name::startsWith)).toList();
    }

    /** Names of the threads alive now and not in {@code before}, other than Spark's own pools. */
    private static List<String> leftOverSince(Set<Thread> before) {
        Set<Thread> leftOver = liveThreads();
        leftOver.removeAll(before);
        return leftOver.stream().map(Thread::getName)
                .filter(name -> SPARK_POOLS.stream().noneMatch(name::startsWith)).toList();
    }

    private static Set<Thread> liveThreads() {
        Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(thread -> !thread.isAlive());
        return threads;
    }
}
