package io.github.sparkkinesis.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkkinesis.benchmarks.measure.ConnectorDrain;
import io.github.sparkkinesis.benchmarks.measure.ConnectorLatency;
import io.github.sparkkinesis.benchmarks.measure.ForkedDrain;
import java.util.List;
import org.junit.jupiter.api.Test;

class SideBySideRowsTest {

    private static ForkedDrain drain(double seconds, double cpuSeconds, double firstRecord, Double... starts) {
        return new ForkedDrain(new ConnectorDrain.Result(100_000, seconds, cpuSeconds, 512L << 20, firstRecord),
                List.of(starts));
    }

    @Test
    void printsBothSidesAndTheirRatios() {
        List<String[]> rows = SideBySideRows.drain("fast", "1 × 100,000 × 100 B", "theirs",
                List.of(drain(2, 2.5, 6, 0.0)), List.of(drain(8, 3.1, 90, 0.0)));

        assertThat(rows).hasSize(3);
        assertThat(rows.get(0)).containsExactly("fast", "1 × 100,000 × 100 B", "ours", "50,000", "25.0", "6.0",
                "–", "512");
        assertThat(rows.get(1)).containsExactly("fast", "1 × 100,000 × 100 B", "theirs", "12,500", "31.0", "90.0",
                "–", "512");
        // 50,000 / 12,500 records/s; 25.0 / 31.0 CPU s; 6 / 90 s; one shard has no spread.
        assertThat(rows.get(2)).containsExactly("fast", "1 × 100,000 × 100 B", "ours / theirs", "4.00 ×",
                "0.81 ×", "0.07 ×", "–", "1.00 ×");
        assertThat(rows.get(0)).hasSize(2 + SideBySideRows.DRAIN_HEADERS.length);
    }

    @Test
    void ratiosArePerRunPairWithTheirRange() {
        List<String[]> rows = SideBySideRows.drain("fast", "4 shards", "theirs",
                List.of(drain(1, 1, 5, 0.0, 0.2, 0.4, 6.0), drain(2, 1, 5, 0.0, 1.0, 2.0, 3.0),
                        drain(4, 1, 5, 0.0, 0.1, 0.1, 0.1)),
                List.of(drain(4, 1, 80, 0.0, 0.0, 0.1, 0.2), drain(4, 1, 80, 0.0, 0.1, 0.1, 0.2),
                        drain(4, 1, 80, 0.0, 0.1, 0.1, 0.1)));

        // Rates 100,000, 50,000, 25,000 against 25,000 each: ratios 4, 2, 1.
        assertThat(rows.get(2)[3]).isEqualTo("2.00 × (1.00–4.00)");
        // Spreads 6.0, 3.0, 0.1: median 3.0, with the shards of that run.
        assertThat(rows.get(0)[6]).isEqualTo("3.0 (0.1–6.0); 0.0 / 1.0 / 2.0 / 3.0");
        assertThat(rows.get(1)[6]).isEqualTo("0.2 (0.1–0.2); 0.0 / 0.0 / 0.1 / 0.2");
    }

    @Test
    void latencyRowsCompareTheQuantiles() {
        List<String[]> rows = SideBySideRows.latency("fast", "1,000 records/s", "theirs",
                List.of(new ConnectorLatency.Result(20_000, 600, 900, 1_000, 998)),
                List.of(new ConnectorLatency.Result(20_000, 1_200, 1_800, 2_500, 999)));

        assertThat(rows.get(0)).containsExactly("fast", "1,000 records/s", "ours", "998", "600", "900", "1,000",
                "20,000");
        assertThat(rows.get(2)).containsExactly("fast", "1,000 records/s", "ours / theirs", "–", "0.50 ×",
                "0.50 ×", "0.40 ×", "–");
    }

    @Test
    void rejectsRunsThatDoNotPairUp() {
        assertThatThrownBy(() -> SideBySideRows.drain("fast", "x", "theirs", List.of(drain(1, 1, 1)), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 of ours, 0 of theirs");
    }
}
