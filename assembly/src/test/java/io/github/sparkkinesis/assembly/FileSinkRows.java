package io.github.sparkkinesis.assembly;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rows a Spark JSON file sink committed, read without Spark (the test JVM has none): only the files its
 * metadata log ({@code _spark_metadata}) lists count, as for Spark's own readers, so a file of a failed attempt
 * cannot pass for output.
 */
final class FileSinkRows {

    /** A row of {@code KinesisToJsonFilesApp}'s output. */
    record Row(String text, String shardId, String sequenceNumber) {
    }

    private static final Pattern COMMITTED_FILE = Pattern.compile("\"path\":\"([^\"]+)\"");
    private static final Pattern ROW =
            Pattern.compile("\\{\"text\":\"([^\"]*)\",\"shardId\":\"([^\"]*)\",\"sequenceNumber\":\"([^\"]*)\"}");

    private FileSinkRows() {
    }

    static List<Row> read(Path output) {
        List<Row> rows = new ArrayList<>();
        for (Path file : committedFiles(output)) {
            for (String line : lines(file)) {
                Matcher row = ROW.matcher(line);
                if (!row.matches()) {
                    throw new AssertionError("Unexpected line in " + file + ": " + line);
                }
                rows.add(new Row(row.group(1), row.group(2), row.group(3)));
            }
        }
        return rows;
    }

    private static Set<Path> committedFiles(Path output) {
        // A compacted log ("19.compact") repeats the files of the batches before it: a set counts each once.
        Set<Path> files = new LinkedHashSet<>();
        try (Stream<Path> logs = Files.list(output.resolve("_spark_metadata"))) {
            for (Path log : logs.filter(FileSinkRows::isBatchLog).toList()) {
                Matcher path = COMMITTED_FILE.matcher(Files.readString(log, StandardCharsets.UTF_8));
                while (path.find()) {
                    files.add(Paths.get(URI.create(path.group(1))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the file sink's log in " + output, e);
        }
        return files;
    }

    /** A batch's entry of the log ("0", "1", ..., "9.compact", ...), not a temporary file being written. */
    private static boolean isBatchLog(Path log) {
        return log.getFileName().toString().matches("\\d+(\\.compact)?");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
