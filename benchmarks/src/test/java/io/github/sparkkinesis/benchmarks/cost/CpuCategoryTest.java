package io.github.sparkkinesis.benchmarks.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CpuCategoryTest {

    @Test
    void theFirstFrameOutsideTheJdkAndScalaDecides() {
        List<String> stack = List.of("java.lang.Integer", "java.math.BigInteger",
                "software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber",
                "software.amazon.kinesis.lifecycle.ProcessTask", "java.lang.Thread");

        assertThat(CpuCategory.decidingFrame(stack)).isEqualTo(2);
        assertThat(CpuCategory.of(stack)).isEqualTo(CpuCategory.KCL);
    }

    @Test
    void theMoreSpecificPrefixWins() {
        assertThat(CpuCategory.of(List.of("software.amazon.kinesis.retrieval.AggregatorUtil")))
                .isEqualTo(CpuCategory.DEAGGREGATION);
        assertThat(CpuCategory.of(List.of("scala.collection.Iterator", "org.apache.spark.util.SizeEstimator$")))
                .isEqualTo(CpuCategory.SIZE_ESTIMATION);
        assertThat(CpuCategory.of(List.of("software.amazon.awssdk.protocols.json.internal.unmarshall.X")))
                .isEqualTo(CpuCategory.SDK_UNMARSHALLING);
        assertThat(CpuCategory.of(List.of("software.amazon.awssdk.core.internal.http.Y")))
                .isEqualTo(CpuCategory.SDK_OTHER);
    }

    @Test
    void stacksOfOnlyJdkCodeAndUnknownLibrariesHaveTheirOwnCategories() {
        assertThat(CpuCategory.of(List.of("java.util.HashMap", "java.lang.Thread"))).isEqualTo(CpuCategory.JDK_ONLY);
        assertThat(CpuCategory.of(List.of("com.example.Thing"))).isEqualTo(CpuCategory.OTHER_LIBRARY);
    }

    @Test
    void sparksOwnConnectorOnKcl2IsTheConnectorAndTheKcl() {
        assertThat(CpuCategory.of(List.of("scala.collection.immutable.List",
                "org.apache.spark.streaming.kinesis.KinesisRecordProcessor",
                "software.amazon.kinesis.lifecycle.ProcessTask"))).isEqualTo(CpuCategory.CONNECTOR);
        assertThat(CpuCategory.of(List.of("scala.runtime.BoxesRunTime",
                "org.apache.spark.streaming.kinesis.KinesisReceiver$$anonfun$addRecords$1")))
                .isEqualTo(CpuCategory.CONNECTOR);
        assertThat(CpuCategory.of(List.of("org.apache.spark.streaming.kinesis.SequenceNumberRanges$")))
                .isEqualTo(CpuCategory.CONNECTOR);
        assertThat(CpuCategory.of(List.of("org.apache.spark.streaming.receiver.BlockGenerator",
                "org.apache.spark.streaming.kinesis.KinesisReceiver"))).isEqualTo(CpuCategory.RECEIVER_HANDOFF);
        assertThat(CpuCategory.of(List.of("java.math.BigInteger",
                "software.amazon.kinesis.checkpoint.SequenceNumberValidator")))
                .isEqualTo(CpuCategory.KCL);
    }

    @Test
    void theComparisonsMessageHandlerIsTheHandler() {
        assertThat(CpuCategory.of(List.of("java.util.HashMap",
                "io.github.sparkkinesis.benchmarks.measure.ShardArrivals",
                "io.github.sparkkinesis.benchmarks.measure.ForkedConnectorRun$Receive")))
                .isEqualTo(CpuCategory.HANDLER);
        assertThat(CpuCategory.of(List.of(
                "io.github.sparkkinesis.benchmarks.measure.ForkedConnectorRun$Receive",
                "org.apache.spark.streaming.kinesis.KinesisRecordProcessor"))).isEqualTo(CpuCategory.HANDLER);
    }
}
