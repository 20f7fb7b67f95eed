package org.apache.spark.streaming.kinesis.internal.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DStreamCheckpointProbeTest {

    @TempDir
    Path directory;

    private DStreamCheckpointProbe probe() {
        return new DStreamCheckpointProbe(directory.toUri().toString(), new Configuration());
    }

    @Test
    void theNewestCompleteCheckpointFileCounts() throws Exception {
        Files.createFile(directory.resolve("checkpoint-1000"));
        Files.createFile(directory.resolve("checkpoint-3000.bk"));
        Files.createFile(directory.resolve("checkpoint-2000"));

        assertThat(probe().newestCheckpointTime()).hasValue(3000);
    }

    @Test
    void temporaryFilesAndOtherEntriesDoNotCount() throws Exception {
        Files.createFile(directory.resolve("temp"));
        Files.createFile(directory.resolve("checkpoint-9000.tmp"));
        Files.createDirectories(directory.resolve("receivedBlockMetadata"));
        Files.createDirectories(directory.resolve("checkpoint-8000"));
        Files.createFile(directory.resolve("checkpoint-1000"));

        assertThat(probe().newestCheckpointTime()).hasValue(1000);
    }

    @Test
    void anEmptyOrMissingDirectoryHasNone() throws Exception {
        assertThat(probe().newestCheckpointTime()).isEmpty();
        assertThat(new DStreamCheckpointProbe(directory.resolve("missing").toUri().toString(), new Configuration())
                .newestCheckpointTime()).isEmpty();
    }
}
