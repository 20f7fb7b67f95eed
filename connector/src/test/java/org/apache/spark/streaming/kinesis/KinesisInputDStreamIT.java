package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.KinesisStreamFixture;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.ProducedRecord;
import java.time.Duration;
import java.util.List;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.testing.Eventually;
import org.apache.spark.streaming.kinesis.testing.LocalStackDStreams;
import org.apache.spark.streaming.kinesis.testing.RecordSink;
import org.apache.spark.streaming.kinesis.testing.SparkTestContext;
import org.apache.spark.streaming.kinesis.testing.TestPayloads;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class KinesisInputDStreamIT {

    private JavaStreamingContext ssc;

    @AfterEach
    void stopStreaming() {
        SparkTestContext.stop(ssc);
    }

    @Test
    void readsEveryRecordOfAFourShardStreamFromTrimHorizon(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("trim-horizon", 4);
        List<byte[]> payloads = TestPayloads.numbered("r", 400);
        List<ProducedRecord> produced = stack.streams().putRecords(stream, payloads);
        ssc = SparkTestContext.newStreamingContext();
        RecordSink<byte[]> sink = RecordSink.attach(LocalStackDStreams
                .builder(stack, ssc, stream, KinesisStreamFixture.uniqueName("app"))
                .initialPosition(new KinesisInitialPositions.TrimHorizon())
                .build().asJava());

        long start = System.nanoTime();
        ssc.start();
        Eventually.await(Duration.ofSeconds(90), () -> sink.size() > 0, () -> "no record arrived");
        long firstRecordMillis = (System.nanoTime() - start) / 1_000_000;
        Eventually.await(Duration.ofSeconds(90), () -> sink.size() >= produced.size(),
                () -> sink.size() + " of " + produced.size() + " records arrived");
        System.err.println("Time to first record: " + firstRecordMillis + " ms");

        assertThat(TestPayloads.checksum(sink.records())).isEqualTo(TestPayloads.checksum(payloads));
        assertThat(sink.size()).isEqualTo(produced.size());
    }
}
