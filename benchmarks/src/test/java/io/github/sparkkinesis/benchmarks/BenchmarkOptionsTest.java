package io.github.sparkkinesis.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                .hasMessageContaining("dstream, source, sink, efo, scale or compare");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--only"}))
                .hasMessageContaining("--only needs a value");
    }

    @Test
    void quickRunsOnceOnAQuarterOfTheRecords() {
        BenchmarkOptions options = BenchmarkOptions.parse(new String[] {"--quick"});

        assertThat(options.runs()).isEqualTo(1);
        assertThat(options.records(100_000)).isEqualTo(25_000);
    }

    @Test
    void scaleRunsTheScaleHarnessOnTheShardAndReceiverCountsGiven() {
        BenchmarkOptions defaults = BenchmarkOptions.parse(new String[] {"--only", "scale"});
        assertThat(defaults.readers()).isEqualTo(BenchmarkOptions.Readers.SCALE);
        assertThat(defaults.readers().dstream()).isFalse();
        assertThat(defaults.readers().source()).isFalse();
        assertThat(defaults.reportFile()).isEqualTo("results-scale.md");
        assertThat(defaults.scaleShards()).containsExactly(64, 256, 1024);
        assertThat(defaults.scaleReceivers()).containsExactly(1, 4, 8);

        BenchmarkOptions chosen = BenchmarkOptions.parse(
                new String[] {"--only", "scale", "--shards", "256,64", "--receivers", "8"});
        assertThat(chosen.scaleShards()).containsExactly(64, 256);
        assertThat(chosen.scaleReceivers()).containsExactly(8);
        assertThat(chosen.scaleRecordsPerRead()).isNull();
        assertThat(BenchmarkOptions.parse(new String[] {"--only", "scale", "--records-per-read", "1000"})
                .scaleRecordsPerRead()).isEqualTo(1000);
        assertThat(chosen.scaleReceiverBudgetMib()).isNull();
        assertThat(BenchmarkOptions.parse(new String[] {"--only", "scale", "--receiver-budget-mib", "64"})
                .scaleReceiverBudgetMib()).isEqualTo(64);
        assertThat(chosen.scaleLeaseFailoverSeconds()).isNull();
        assertThat(BenchmarkOptions.parse(new String[] {"--only", "scale", "--lease-failover-s", "30"})
                .scaleLeaseFailoverSeconds()).isEqualTo(30);
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--shards", "64,x"}))
                .hasMessageContaining("--shards takes positive numbers");
    }

    @Test
    void compareWithAJarRunsTheComparisonAloneIntoItsOwnReport(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("spark-streaming-kinesis-asl_2.13-4.2.0.jar"));
        Files.createFile(dir.resolve("pom.xml"));

        BenchmarkOptions options = BenchmarkOptions.parse(new String[] {"--compare-with", jar.toString()});

        assertThat(options.readers()).isEqualTo(BenchmarkOptions.Readers.COMPARE);
        assertThat(options.reportFile()).isEqualTo("results-compare.md");
        assertThat(options.peer().jar()).isEqualTo(jar);
        assertThat(options.peer().pom()).isEqualTo(dir.resolve("pom.xml"));
        assertThat(options.peer().classPathFile()).isNull();
        assertThat(BenchmarkOptions.parse(new String[] {"--only", "compare", "--compare-with", jar.toString()})
                .readers()).isEqualTo(BenchmarkOptions.Readers.COMPARE);
    }

    @Test
    void compareTakesAClassPathFileInsteadOfThePom(@TempDir Path dir) throws IOException {
        Path jar = Files.createFile(dir.resolve("peer.jar"));
        Path classPath = Files.writeString(dir.resolve("peer-cp.txt"), "/a.jar");

        BenchmarkOptions options = BenchmarkOptions.parse(new String[] {"--compare-with", jar.toString(),
            "--compare-classpath", classPath.toString(), "--runs", "2"});

        assertThat(options.peer().classPathFile()).isEqualTo(classPath);
        assertThat(options.runs()).isEqualTo(2);
    }

    @Test
    void compareRejectsAMissingJarPomOrClassPathWithTheFix(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--only", "compare"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--compare-with JAR");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--compare-with",
            dir.resolve("missing.jar").toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs an existing connector jar");
        Path jar = Files.createFile(dir.resolve("peer.jar"));
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--compare-with", jar.toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No pom.xml next to")
                .hasMessageContaining("--compare-classpath FILE");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--compare-with", jar.toString(),
            "--compare-classpath", dir.resolve("none.txt").toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--compare-classpath names no file");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--only", "source", "--compare-with",
            jar.toString()}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use --only compare");
    }
}
