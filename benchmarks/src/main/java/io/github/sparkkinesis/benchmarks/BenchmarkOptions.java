package io.github.sparkkinesis.benchmarks;

import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The harness's command line: {@code [--runs N] [--quick] [--output DIR]}. {@code --quick} runs once on backlogs a
 * quarter of the size, to check the harness itself; the published figures use the defaults.
 */
record BenchmarkOptions(int runs, int scale, Path output) {

    static final int DEFAULT_RUNS = 3;

    static BenchmarkOptions parse(String[] args) {
        int runs = DEFAULT_RUNS;
        int scale = 1;
        Path output = Paths.get("docs", "benchmarks");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(value(args, ++i, "--runs"));
                case "--quick" -> {
                    runs = 1;
                    scale = 4;
                }
                case "--output" -> output = Paths.get(value(args, ++i, "--output"));
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i]
                        + "'; use [--runs N] [--quick] [--output DIR]");
            }
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        }
        return new BenchmarkOptions(runs, scale, output);
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
}
