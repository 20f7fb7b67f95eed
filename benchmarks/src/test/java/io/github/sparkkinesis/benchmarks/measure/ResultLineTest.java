package io.github.sparkkinesis.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultLineTest {

    @Test
    void aDrainSurvivesTheLine() {
        ForkedDrain drain = new ForkedDrain(new ConnectorDrain.Result(400_000, 7.5, 9.25, 700L << 20, 85.5),
                List.of(0.0, 0.125, 3.5, 12.0));

        String line = ResultLine.format(drain.toFigures());
        ForkedDrain back = ForkedDrain.of(ResultLine.parse(line).orElseThrow());

        assertThat(line).startsWith("RESULT records=400000;seconds=7.5;");
        assertThat(back).isEqualTo(drain);
        assertThat(back.shardStartSpreadSeconds()).isEqualTo(12.0);
    }

    @Test
    void aLatencySurvivesTheLine() {
        ConnectorLatency.Result latency = new ConnectorLatency.Result(19_000, 640, 980, 1_100, 997.5);

        assertThat(ConnectorLatency.Result.of(ResultLine.parse(ResultLine.format(latency.toFigures())).orElseThrow()))
                .isEqualTo(latency);
    }

    @Test
    void otherLinesAreNotResults() {
        assertThat(ResultLine.parse("25/11/30 06:40:01 INFO SparkContext: Running Spark")).isEmpty();
        assertThat(ResultLine.parse("RESULT ")).contains(Map.of());
    }

    @Test
    void namesAMissingOrMalformedFigure() {
        assertThatThrownBy(() -> ForkedDrain.of(Map.of("records", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no 'shardStarts'");
        assertThatThrownBy(() -> ResultLine.parse("RESULT records"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a name=value figure");
        assertThatThrownBy(() -> ResultLine.format(Map.of("a", "1;2")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
