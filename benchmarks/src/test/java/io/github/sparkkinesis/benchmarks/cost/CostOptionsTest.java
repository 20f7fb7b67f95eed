package io.github.sparkkinesis.benchmarks.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CostOptionsTest {

    @Test
    void drainsOneShardWithTheDefaultsUnlessTold() {
        CostOptions options = CostOptions.parse(new String[0]);

        assertThat(options.shards()).isEqualTo(CostOptions.DEFAULT_SHARDS);
        assertThat(options.recordsPerShard()).isEqualTo(CostOptions.DEFAULT_RECORDS_PER_SHARD);
        assertThat(options.warmUpRecordsPerShard()).isZero();
        assertThat(options.profile()).isNull();
        assertThat(options.variants()).containsExactly(new CostVariant("defaults", List.of(), null));
    }

    @Test
    void variantsCarryTheirJvmOptionsAndClassesInOrder() {
        CostOptions options = CostOptions.parse(new String[] {"--shards", "4", "--warm-up", "1000", "--profile",
            "out", "--variant", "before:classes=/tmp/old.jar", "--variant",
            "serialized:-Dbenchmark.storageLevel=MEMORY_AND_DISK_SER_2  -XX:+UseParallelGC"});

        assertThat(options.shards()).isEqualTo(4);
        assertThat(options.warmUpRecordsPerShard()).isEqualTo(1000);
        assertThat(options.profile()).isEqualTo(Paths.get("out"));
        assertThat(options.variants()).containsExactly(
                new CostVariant("before", List.of(), "/tmp/old.jar"),
                new CostVariant("serialized",
                        List.of("-Dbenchmark.storageLevel=MEMORY_AND_DISK_SER_2", "-XX:+UseParallelGC"), null));
    }

    @Test
    void rejectsWhatItCannotRun() {
        assertThatThrownBy(() -> CostOptions.parse(new String[] {"--runs", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--runs takes a positive number");
        assertThatThrownBy(() -> CostOptions.parse(new String[] {"--variant", ":-Xmx1g"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NAME[:JVM-OPTIONS]");
        assertThatThrownBy(() -> CostOptions.parse(new String[] {"--profile"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--profile needs a value");
    }

    @Test
    void comparesWithAnotherConnectorInsteadOfVariants(@TempDir Path peers) throws IOException {
        Path jar = Files.createFile(peers.resolve("peer.jar"));
        Files.createFile(peers.resolve("pom.xml"));

        CostOptions options = CostOptions.parse(new String[] {"--compare-with", jar.toString(), "--runs", "1",
            "--profile", "out"});

        assertThat(options.peer().jar()).isEqualTo(jar);
        assertThat(options.runs()).isEqualTo(1);
        assertThat(CostOptions.parse(new String[0]).peer()).isNull();
        assertThatThrownBy(() -> CostOptions.parse(new String[] {"--compare-with", jar.toString(), "--variant", "a"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leave out --variant");
        assertThatThrownBy(() -> CostOptions.parse(new String[] {"--compare-with", jar.toString(), "--warm-up", "9"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--warm-up");
        assertThatThrownBy(() -> CostOptions.parse(new String[] {"--compare-with", peers.resolve("no.jar").toString()}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--compare-with needs an existing");
    }
}
