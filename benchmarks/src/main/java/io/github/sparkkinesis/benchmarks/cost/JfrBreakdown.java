package io.github.sparkkinesis.benchmarks.cost;

import io.github.sparkkinesis.benchmarks.report.Figures;
import io.github.sparkkinesis.benchmarks.report.MarkdownTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU of JFR recordings went: the execution samples of all the given {@code .jfr} files (of the drain's
 * span alone where the child wrote it next to the recording, see {@link ProfileWindow}) grouped by
 * {@link CpuCategory}, by thread (numbers in names folded) and by top frame, and the garbage collections' pauses.
 * Prints Markdown tables. Arguments: recordings, or directories whose recordings to read. Example: {@code java -cp
 * ... io.github.sparkkinesis.benchmarks.cost.JfrBreakdown target/profile/defaults-1.jfr target/profile/defaults-2.jfr}.
 */
public final class JfrBreakdown {

    private static final int TOP_FRAMES = 25;

    private final Map<CpuCategory, Integer> categories = new EnumMap<>(CpuCategory.class);
    private final Map<String, Integer> threads = new HashMap<>();
    private final Map<String, Integer> topFrames = new HashMap<>();
    private final Map<String, Integer> decidingFrames = new HashMap<>();
    private int samples;
    private int collections;
    private Duration pauses = Duration.ZERO;

    private JfrBreakdown() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("Give the .jfr recordings, or directories of them, to read");
        }
        List<Path> recordings = new ArrayList<>();
        for (String arg : args) {
            Path path = Paths.get(arg);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    files.filter(file -> file.toString().endsWith(".jfr")).sorted().forEach(recordings::add);
                }
            } else {
                recordings.add(path);
            }
        }
        JfrBreakdown breakdown = new JfrBreakdown();
        for (Path recording : recordings) {
            breakdown.read(recording);
        }
        System.out.println(breakdown.report(recordings.size()));
    }

    private void read(Path file) throws IOException {
        Instant from = Instant.MIN;
        Instant to = Instant.MAX;
        Path window = ProfileWindow.windowFile(file);
        if (Files.exists(window)) {
            String[] span = Files.readString(window).trim().split(" ");
            from = Instant.parse(span[0]);
            to = Instant.parse(span[1]);
        }
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                continue;
            }
            switch (event.getEventType().getName()) {
                case "jdk.ExecutionSample" -> sample(event);
                case "jdk.GarbageCollection" -> {
                    collections++;
                    pauses = pauses.plus(event.getDuration("sumOfPauses"));
                }
                default -> {
                }
            }
        }
    }

    private void sample(RecordedEvent event) {
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null) {
            return;
        }
        List<String> classes = new ArrayList<>();
        for (RecordedFrame frame : stack.getFrames()) {
            classes.add(frame.getMethod().getType().getName());
        }
        samples++;
        categories.merge(CpuCategory.of(classes), 1, Integer::sum);
        String thread = event.getThread("sampledThread") == null ? "?" : event.getThread("sampledThread").getJavaName();
        threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "#"), 1, Integer::sum);
        if (!stack.getFrames().isEmpty()) {
            topFrames.merge(methodName(stack.getFrames().get(0)), 1, Integer::sum);
        }
        int deciding = CpuCategory.decidingFrame(classes);
        if (deciding >= 0) {
            decidingFrames.merge(methodName(stack.getFrames().get(deciding)), 1, Integer::sum);
        }
    }

    private static String methodName(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private String report(int files) {
        MarkdownTable byCategory = new MarkdownTable(String.format("Execution samples by what they did (%,d samples, "
                + "%d recording(s))", samples, files), "category", "samples", "share");
        categories.entrySet().stream().sorted(Map.Entry.<CpuCategory, Integer>comparingByValue().reversed())
                .forEach(e -> byCategory.row(e.getKey().description(), Integer.toString(e.getValue()), share(e.getValue())));
        MarkdownTable byThread = new MarkdownTable("Execution samples by thread", "thread", "samples", "share");
        threads.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> byThread.row(e.getKey(), Integer.toString(e.getValue()), share(e.getValue())));
        return byCategory.toMarkdown() + "\n" + byThread.toMarkdown() + "\n"
                + ranking("Top frames", topFrames).toMarkdown() + "\n"
                + ranking("Deciding frames (the first frame outside the JDK and Scala)", decidingFrames).toMarkdown()
                + "\n"
                + String.format("Garbage collections: %d, pauses %.2f s in all%n", collections,
                        pauses.toNanos() / 1e9);
    }

    private MarkdownTable ranking(String title, Map<String, Integer> counts) {
        MarkdownTable table = new MarkdownTable(title, "method", "samples", "share");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(TOP_FRAMES).forEach(e -> table.row(e.getKey(), Integer.toString(e.getValue()), share(e.getValue())));
        return table;
    }

    private String share(int count) {
        return Figures.number(100.0 * count / samples, 1) + " %";
    }
}
