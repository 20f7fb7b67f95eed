package io.github.sparkkinesis.benchmarks.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A new, empty checkpoint location for one streaming query, deleted afterwards: a query with a new checkpoint has
 * no offsets, so it starts at its initial position.
 */
final class QueryCheckpoint implements AutoCloseable {

    private final Path directory;

    private QueryCheckpoint(Path directory) {
        this.directory = directory;
    }

    static QueryCheckpoint create(String purpose) throws IOException {
        return new QueryCheckpoint(Files.createTempDirectory("benchmark-checkpoint-" + purpose + "-"));
    }

    String location() {
        return directory.toString();
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete the checkpoint " + directory, e);
        }
    }
}
