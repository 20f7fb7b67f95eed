package io.github.sparkkinesis.benchmarks.cost;

import io.github.sparkkinesis.benchmarks.compare.PeerConnector;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@link DrainCostHarness}: {@code [--shards N] [--records-per-shard N] [--record-bytes N]
 * [--runs N] [--warm-up N] [--profile DIR] (--variant NAME[:JVM-OPTIONS] ... | --compare-with JAR)}. Defaults: one
 * shard of 400,000 records of 100 bytes, 3 runs of each variant, no warm-up, no profile, one variant "defaults".
 * {@code --warm-up N} has every child drain N records per shard of another stream first, unmeasured, so that the
 * figures are those of compiled code (a long-running job's) rather than a new JVM's. {@code --compare-with JAR}
 * drains with our connector and with another implementation of Spark's connector API instead of variants (e.g.
 * {@code --compare-with ../shared/peers/spark-streaming-kinesis-asl_2.13-4.2.0.jar}, its dependencies resolved from
 * the {@code pom.xml} next to it), so that {@code --profile} records both on the same workload; no warm-up then.
 *
 * @param peer the other connector, {@code null} unless {@code --compare-with} is given
 */
record CostOptions(int shards, int recordsPerShard, int recordBytes, int runs, int warmUpRecordsPerShard,
        Path profile, List<CostVariant> variants, PeerConnector peer) {

    static final int DEFAULT_SHARDS = 1;
    static final int DEFAULT_RECORDS_PER_SHARD = 400_000;
    static final int DEFAULT_RECORD_BYTES = 100;
    static final int DEFAULT_RUNS = 3;

    static CostOptions parse(String[] args) {
        int shards = DEFAULT_SHARDS;
        int recordsPerShard = DEFAULT_RECORDS_PER_SHARD;
        int recordBytes = DEFAULT_RECORD_BYTES;
        int runs = DEFAULT_RUNS;
        int warmUp = 0;
        Path profile = null;
        List<CostVariant> variants = new ArrayList<>();
        Path compareWith = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--shards" -> shards = positive(args, ++i);
                case "--records-per-shard" -> recordsPerShard = positive(args, ++i);
                case "--record-bytes" -> recordBytes = positive(args, ++i);
                case "--runs" -> runs = positive(args, ++i);
                case "--warm-up" -> warmUp = positive(args, ++i);
                case "--profile" -> profile = Paths.get(value(args, ++i));
                case "--variant" -> variants.add(CostVariant.parse(value(args, ++i)));
                case "--compare-with" -> compareWith = Paths.get(value(args, ++i));
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'; use [--shards N] "
                        + "[--records-per-shard N] [--record-bytes N] [--runs N] [--warm-up N] "
                        + "[--profile DIR] (--variant NAME[:JVM-OPTIONS] ... | --compare-with JAR)");
            }
        }
        if (compareWith != null && (!variants.isEmpty() || warmUp > 0)) {
            throw new IllegalArgumentException("--compare-with drains with both connectors at their defaults, "
                    + "without a warm-up: leave out --variant and --warm-up, or run the variants without it");
        }
        if (variants.isEmpty()) {
            variants.add(CostVariant.parse("defaults"));
        }
        return new CostOptions(shards, recordsPerShard, recordBytes, runs, warmUp, profile, List.copyOf(variants),
                compareWith == null ? null : new PeerConnector(compareWith, null));
    }

    private static int positive(String[] args, int index) {
        String value = value(args, index);
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1) {
            throw new IllegalArgumentException(args[index - 1] + " takes a positive number, got '" + value + "'");
        }
        return number;
    }

    private static String value(String[] args, int index) {
        if (index >= args.length) {
            throw new IllegalArgumentException(args[index - 1] + " needs a value");
        }
        return args[index];
    }
}
