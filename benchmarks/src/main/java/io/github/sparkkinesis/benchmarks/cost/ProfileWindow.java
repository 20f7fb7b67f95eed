package io.github.sparkkinesis.benchmarks.cost;

import io.github.sparkkinesis.benchmarks.measure.ProcessedRecords;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;

/**
 * A child JVM's JFR profile cut to its drain: the JVM options that start the recording and name the file the child
 * writes the drain's span into (first record read, last batch processed: two ISO instants), so that {@link JfrBreakdown}
 * keeps only that span's samples, not the start-up's (Spark's connector reads its first record 80-105 s after start).
 */
public final class ProfileWindow {

    /** System property: the file to write the drain's span into. */
    static final String WINDOW_FILE = "benchmark.windowFile";

    private ProfileWindow() {
    }

    /** The JVM options of a child that records its profile into {@code jfr}. */
    public static List<String> recordingOptions(Path jfr) {
        Path recording = jfr.toAbsolutePath();
        return List.of("-XX:StartFlightRecording=settings=profile,filename=" + recording,
                "-D" + WINDOW_FILE + "=" + windowFile(recording));
    }

    /** Where the child writes the drain's span for the recording {@code jfr}. */
    static Path windowFile(Path jfr) {
        return jfr.resolveSibling(jfr.getFileName().toString().replaceFirst("\\.jfr$", "") + ".window");
    }

    /**
     * In the child, after the drain: writes its span if this JVM records a profile, else does nothing. The span ends
     * with the last batch with records ({@link ProcessedRecords#lastNanos()}), before the streaming context's stop,
     * which is no part of the drain (stopping Spark's connector's receiver takes seconds).
     *
     * @param from when the first record was read ({@link FirstRecordWatch#firstRecordAt()}); null writes nothing
     */
    public static void write(Instant from) throws IOException {
        String window = System.getProperty(WINDOW_FILE);
        if (window != null && from != null) {
            Instant to = Instant.now().minusNanos(System.nanoTime() - ProcessedRecords.lastNanos());
            Files.writeString(Paths.get(window), from + " " + to + "\n");
        }
    }
}
