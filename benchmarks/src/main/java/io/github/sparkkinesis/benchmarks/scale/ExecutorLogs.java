package io.github.sparkkinesis.benchmarks.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The executors' own logs of one application on the standalone cluster ({@code worker-N/<app-id>/<executor>/stderr}):
 * how often the receivers logged a line, such as a lost shard lease.
 */
final class ExecutorLogs {

    /** What the connector logs when the KCL takes a shard's lease from its receiver. */
    static final String LEASE_LOST = "Lost the lease of";

    private ExecutorLogs() {
    }

    /** Lines containing {@code text} in every executor log of application {@code appId} under {@code clusterDir}. */
    static long count(Path clusterDir, String appId, String text) {
        try (Stream<Path> files = Files.walk(clusterDir, 3)) {
            return files.filter(path -> path.getFileName().toString().equals("stderr")
                            && path.getParent().getParent().getFileName().toString().equals(appId))
                    .mapToLong(path -> count(path, text))
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long count(Path log, String text) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains(text)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
