package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.streaming.kinesis.testing.Eventually;
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

    @Test
    void repeatedStartAndStopDoesNotLeakThreads(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("lifecycle", 2);
        String app = KinesisStreamFixture.uniqueName("app");
        // The first cycle starts the KCL's and the SDK's JVM-wide pools (created once, on first use).
        runOneCycle(stack, stream, app, 0);
        Set<Thread> afterFirstCycle = liveThreads();

        runOneCycle(stack, stream, app, 1);
        runOneCycle(stack, stream, app, 2);

        Set<Thread> leftOver = liveThreads();
        leftOver.removeAll(afterFirstCycle);
        assertThat(leftOver).extracting(Thread::getName)
                .as("threads started by later cycles and still alive")
                .allMatch(name -> SPARK_POOLS.stream().anyMatch(name::startsWith));
    }

    private static void runOneCycle(LocalStack stack, String stream, String app, int cycle) {
        stack.streams().putRecords(stream, TestPayloads.numbered("cycle-" + cycle, 20));
        var ssc = SparkTestContext.newStreamingContext();
        RecordSink<byte[]> sink = RecordSink.attach(LocalStackDStreams.builder(stack, ssc, stream, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .build().asJava());
        ssc.start();
        Eventually.await(Duration.ofSeconds(60), () -> sink.size() >= 20, () -> sink.size() + " records");
        SparkTestContext.stop(ssc);
        Eventually.sleep(1000);
        assertThat(liveThreads()).extracting(Thread::getName).noneMatch(name -> name.startsWith("kinesis-")
                || name.startsWith("ShardRecordProcessor") || name.startsWith("LeaseCoordinator")
                || name.startsWith("LeaseDiscovery") || name.startsWith("aws-java-sdk-NettyEventLoop"));
    }

    private static Set<Thread> liveThreads() {
        Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
        threads.removeIf(thread -> !thread.isAlive());
        return threads;
    }
}
