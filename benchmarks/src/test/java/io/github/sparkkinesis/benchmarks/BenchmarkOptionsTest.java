package io.github.sparkkinesis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void measuresEveryReaderIntoTheFullReportByDefault() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[0]);

        assertThat(options.readers()).isEqualTo(BenchmarkOptions.Readers.ALL);
        assertThat(options.readers().dstream()).isTrue();
        assertThat(options.readers().source()).isTrue();
        assertThat(options.reportFile()).isEqualTo("results.md");
        assertThat(options.runs()).isEqualTo(BenchmarkOptions.DEFAULT_RUNS);
    }

    @Test
    void onlySourceWritesItsOwnReport() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[] {"--only", "source", "--runs", "2"});

        assertThat(options.readers().dstream()).isFalse();
        assertThat(options.readers().source()).isTrue();
        assertThat(options.reportFile()).isEqualTo("results-source.md");
        assertThat(options.runs()).isEqualTo(2);
    }

    @Test
    void onlyDstreamLeavesTheSourceOut() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[] {"--only", "DStream"});

        assertThat(options.readers().dstream()).isTrue();
        assertThat(options.readers().source()).isFalse();
        assertThat(options.reportFile()).isEqualTo("results-dstream.md");
    }

    @Test
    void onlyEfoMeasuresNeitherReadersOtherFigures() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[] {"--only", "efo"});

        assertThat(options.readers().dstream()).isFalse();
        assertThat(options.readers().source()).isFalse();
        assertThat(options.reportFile()).isEqualTo("results-efo.md");
    }

    @Test
    void rejectsAnUnknownReader() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--only", "kafka"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dstream, source or efo");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--only"}))
                .hasMessageContaining("--only needs a value");
    }

    @Test
    void quickRunsOnceOnAQuarterOfTheRecords() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[] {"--quick"});

        assertThat(options.runs()).isEqualTo(1);
        assertThat(options.records(100_000)).isEqualTo(25_000);
    }
}
