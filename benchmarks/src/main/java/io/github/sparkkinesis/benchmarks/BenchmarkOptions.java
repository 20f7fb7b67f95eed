package io.github.sparkkinesis.benchmarks;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;

/**
 * The harness's command line: {@code [--runs N] [--quick] [--only dstream|source|efo] [--output DIR]}. {@code --quick}
 * runs once on backlogs a quarter of the size, to check the harness itself; the published figures use the
 * defaults. {@code --only source} measures the Structured Streaming source and, as its references in the same run,
 * the plain read loops and the DStream on the same backlogs and at the same latency rates (at its defaults);
 * {@code --only dstream} everything but the source; {@code --only efo} the latency of both readers with enhanced
 * fan-out beside polling, and nothing else.
 */
record BenchmarkOptions(int runs, int scale, Readers readers, Path output) {

    static final int DEFAULT_RUNS = 3;

    /** Which readers a run measures. */
    enum Readers {
        ALL, DSTREAM, SOURCE, EFO;

        boolean dstream() {
            return this == ALL || this == DSTREAM;
        }

        boolean source() {
            return this == ALL || this == SOURCE;
        }
    }

    static BenchmarkOptions parse(String[] args) {
        int runs = DEFAULT_RUNS;
        int scale = 1;
        Readers readers = Readers.ALL;
        Path output = Paths.get("docs", "benchmarks");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(value(args, ++i, "--runs"));
                case "--quick" -> {
                    runs = 1;
                    scale = 4;
                }
                case "--only" -> readers = readers(value(args, ++i, "--only"));
                case "--output" -> output = Paths.get(value(args, ++i, "--output"));
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i]
                        + "'; use [--runs N] [--quick] [--only dstream|source|efo] [--output DIR]");
            }
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        }
        return new BenchmarkOptions(runs, scale, readers, output);
    }

    private static Readers readers(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "dstream" -> Readers.DSTREAM;
            case "source" -> Readers.SOURCE;
            case "efo" -> Readers.EFO;
            default -> throw new IllegalArgumentException("--only takes dstream, source or efo, got '" + value + "'");
        };
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    /** A record count of the full-size benchmark, scaled down for {@code --quick}. */
    int records(int fullSize) {
        return Math.max(1, fullSize / scale);
    }

    /**
     * The report's file: {@code results.md} for a run of everything; a partial run writes its own file
     * ({@code results-source.md}), so that it never replaces the full report with a part of it.
     */
    String reportFile() {
        return readers == Readers.ALL ? "results.md" : "results-" + readers.name().toLowerCase(Locale.ROOT) + ".md";
    }
}
