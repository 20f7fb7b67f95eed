package io.github.sparkkinesis.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counts of the last micro-batch a Structured Streaming console sink printed in complete mode (a table of
 * every word and its running count after each "Batch: N" header), read from the log of the JVM that ran it.
 */
final class ConsoleCounts {

    private static final String BATCH_HEADER = "\nBatch: ";
    /** A table row: the word and its count, padded left or right depending on truncation. */
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\S+?)\\s*\\|\\s*(\\d+)\\s*\\|$", Pattern.MULTILINE);

    private ConsoleCounts() {
    }

    /**
     * The word counts under the last batch header, empty if none was printed yet. The last table may still be
     * being written; callers wait for the counts they expect rather than take one reading as final.
     */
    static Map<String, Long> lastBatch(Path log) {
        String output = read(log);
        int last = output.lastIndexOf(BATCH_HEADER);
        Map<String, Long> counts = new TreeMap<>();
        if (last < 0) {
            return counts;
        }
        Matcher row = ROW.matcher(output.substring(last));
        while (row.find()) {
            counts.put(row.group(1), Long.parseLong(row.group(2)));
        }
        return counts;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
