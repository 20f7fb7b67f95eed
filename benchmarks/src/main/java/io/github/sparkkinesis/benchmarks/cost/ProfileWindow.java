package io.github.sparkkinesis.benchmarks.cost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.List;

/**
 * A child JVM's JFR profile cut to its drain: the JVM options that start the recording and name the file the child
 * writes the drain's span into (first record read, all processed: two ISO instants), so that {@link JfrBreakdown}
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

    /** In the child: writes the drain's span if this JVM records a profile, else does nothing. */
    public static void write(Instant from, Instant to) throws IOException {
        String window = System.getProperty(WINDOW_FILE);
        if (window != null && from != null) {
            Files.writeString(Paths.get(window), from + " " + to + "\n");
        }
    }
}
