package io.github.sparkkinesis.benchmarks.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The heap of the executors of a run, read from their GC logs ({@code -Xlog:gc}, one file per process): the peak heap
 * in use before a collection (what the collector let accumulate) and the peak left after a full collection (what was
 * live: the memory the receivers really hold, plus Spark's stored blocks). After a young collection G1 still counts
 * the old generation's garbage, so only full collections (which {@link ExecutorSampler} asks for) tell the live heap.
 *
 * @param peakLiveBytes the largest heap after a full collection, over all executors
 * @param peakBeforeGcBytes the largest heap before any collection, over all executors
 * @param fullCollections the full collections logged
 */
record GcHeap(long peakLiveBytes, long peakBeforeGcBytes, long fullCollections) {

    /** {@code [2.345s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 120M->35M(1024M) 4.5ms}. */
    private static final Pattern COLLECTION = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    static GcHeap read(Path directory) {
        long live = 0;
        long before = 0;
        long fullCollections = 0;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("gc-")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (String line : lines) {
                    Matcher matcher = COLLECTION.matcher(line);
                    if (matcher.find()) {
                        before = Math.max(before, bytes(matcher.group(1), matcher.group(2)));
                        if (line.contains("Pause Full")) {
                            live = Math.max(live, bytes(matcher.group(3), matcher.group(4)));
                            fullCollections++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GcHeap(live, before, fullCollections);
    }

    private static long bytes(String number, String unit) {
        long value = Long.parseLong(number);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}
