package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.testing.DeliveryReport;
import io.github.sparkkinesis.localstack.Eventually;
import org.apache.spark.streaming.kinesis.testing.LeaseCheckpoints;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.StreamingContextExtension;
import org.apache.spark.streaming.kinesis.testing.StreamingContexts;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Checkpoints in the DynamoDB lease table, and resuming from them. */
@ExtendWith({LocalStackExtension.class, StreamingContextExtension.class})
class CheckpointIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);


    @Test
    void checkpointsLandInTheLeaseTableAndASecondRunResumesAfterThem(LocalStack stack, StreamingContexts contexts) {
        String stream = stack.streams().createUniqueStream("resume", 2);
        String app = KinesisStreamFixture.uniqueName("app");
        List<ProducedRecord> firstRound = stack.streams().putRecords(stream, TestPayloads.numbered("first", 200));

        JavaStreamingContext ssc = contexts.create();
        RecordSink<byte[]> firstRun = RecordSink.attach(dstream(stack, ssc, stream, app));
        ssc.start();
        Eventually.await(TIMEOUT, () -> firstRun.size() >= firstRound.size(),
                () -> firstRun.size() + " of " + firstRound.size() + " records arrived");
        // The timer checkpoints each shard up to its last stored record, with no new records arriving.
        LeaseCheckpoints.awaitCaughtUp(stack, app, firstRound, TIMEOUT);
        ssc.stop(false, true);

        List<ProducedRecord> secondRound = stack.streams().putRecords(stream, TestPayloads.numbered("second", 100));
        ssc = contexts.create();
        RecordSink<byte[]> secondRun = RecordSink.attach(dstream(stack, ssc, stream, app));
        long restartedAt = System.nanoTime();
        ssc.start();
        Eventually.await(TIMEOUT, () -> secondRun.size() >= secondRound.size(),
                () -> secondRun.size() + " of " + secondRound.size() + " records arrived after the restart");
        long recoveryMillis = (System.nanoTime() - restartedAt) / 1_000_000;
        // Records the second run read twice could still be on their way: once each shard's checkpoint reached its last
        // record, every delivery has gone through a completed batch and nothing more will come.
        LeaseCheckpoints.awaitCaughtUp(stack, app,
                Stream.concat(firstRound.stream(), secondRound.stream()).toList(), TIMEOUT);
        List<String> seen = new ArrayList<>(TestPayloads.texts(firstRun.records()));
        seen.addAll(TestPayloads.texts(secondRun.records()));
        List<String> produced = Stream.concat(firstRound.stream(), secondRound.stream())
                .map(record -> TestPayloads.text(record.data())).toList();
        DeliveryReport.of("application stopped and restarted with the same app name", produced, seen,
                recoveryMillis).print();

        // Stopped once the checkpoints had caught up with everything stored: the second run neither loses nor repeats.
        assertThat(TestPayloads.checksum(secondRun.records()))
                .isEqualTo(TestPayloads.checksum(secondRound.stream().map(ProducedRecord::data).toList()));
        assertThat(firstRun.size()).isEqualTo(firstRound.size());
    }

    @Test
    void checkpointsFollowAWindowThatSlidesByMoreThanOneBatch(LocalStack stack, StreamingContexts contexts) {
        String stream = stack.streams().createUniqueStream("window", 2);
        String app = KinesisStreamFixture.uniqueName("app");
        List<ProducedRecord> produced = stack.streams().putRecords(stream, TestPayloads.numbered("w", 100));
        JavaStreamingContext ssc = contexts.create();
        // Only every third interval has a job: the blocks of the two intervals in between are computed, and run,
        // by the window's batch, and their own batches never complete.
        org.apache.spark.streaming.Duration slide = new org.apache.spark.streaming.Duration(3000);
        RecordSink<byte[]> windows = RecordSink.attach(dstream(stack, ssc, stream, app).window(slide, slide));

        ssc.start();

        Eventually.await(TIMEOUT, () -> windows.size() >= produced.size(),
                () -> windows.size() + " of " + produced.size() + " records arrived");
        LeaseCheckpoints.awaitCaughtUp(stack, app, produced, TIMEOUT);
        assertThat(TestPayloads.checksum(windows.records()))
                .isEqualTo(TestPayloads.checksum(produced.stream().map(ProducedRecord::data).toList()));
    }

    private static org.apache.spark.streaming.api.java.JavaDStream<byte[]> dstream(LocalStack stack,
            JavaStreamingContext ssc, String stream, String app) {
        return LocalStackDStreams.builder(stack, ssc, stream, app)
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .checkpointInterval(new org.apache.spark.streaming.Duration(1000))
                .build()
                .asJava();
    }
}
