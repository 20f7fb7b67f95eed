package io.github.sparkkinesis.benchmarks;

import io.github.sparkkinesis.benchmarks.compare.PeerConnector;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The harness's command line: {@code [--runs N] [--quick] [--only dstream|source|sink|efo|scale|compare]
 * [--shards N,N] [--receivers N,N] [--records-per-read N] [--receiver-budget-mib N] [--lease-failover-s N]
 * [--compare-with JAR [--compare-classpath FILE]] [--output DIR]}. {@code --quick} runs once on backlogs a quarter of
 * the size, to check the harness itself; the published figures use the defaults. {@code --only source} measures the
 * Structured Streaming source and, as its references in the same run, the plain read loops and the DStream on the
 * same backlogs and at the same latency rates (at its defaults); {@code --only dstream} everything but the source and
 * the sink; {@code --only sink} the sink's writes alone; {@code --only efo} the latency of both readers with
 * enhanced fan-out beside polling, and nothing else.
 * {@code --only scale} runs the scale harness instead (streams of {@code --shards} shards, default 64, 256 and 1,024,
 * read by {@code --receivers} receivers, default 1, 4 and 8, on a standalone cluster, and by the source; one run per
 * figure); {@code --records-per-read} sets the receivers' {@code maxRecordsPerRead} there and leaves the source out,
 * {@code --receiver-budget-mib} their {@code maxPrefetchBytesPerReceiver} (in MiB) likewise, and
 * {@code --lease-failover-s} their {@code leaseFailoverTime} (in seconds) likewise.
 * {@code --compare-with JAR} (alone or with {@code --only compare}) runs the DStream side by side with another
 * implementation of Spark's connector API, e.g. Spark's own, in child JVMs (see {@link ConnectorComparison}); its
 * dependencies are resolved from the {@code pom.xml} next to the jar, or read from {@code --compare-classpath FILE}.
 *
 * @param peer the connector to compare with, {@code null} unless {@code --compare-with} is given
 */
record BenchmarkOptions(int runs, int scale, Readers readers, Path output, List<Integer> scaleShards,
        List<Integer> scaleReceivers, Integer scaleRecordsPerRead, Integer scaleReceiverBudgetMib,
        Integer scaleLeaseFailoverSeconds, PeerConnector peer) {

    static final int DEFAULT_RUNS = 3;
    static final List<Integer> DEFAULT_SCALE_SHARDS = List.of(64, 256, 1024);
    static final List<Integer> DEFAULT_SCALE_RECEIVERS = List.of(1, 4, 8);

    /** Which readers a run measures; SCALE is the scale harness. */
    enum Readers {
        ALL, DSTREAM, SOURCE, SINK, EFO, SCALE, COMPARE;

        boolean dstream() {
            return this == ALL || this == DSTREAM;
        }

        boolean source() {
            return this == ALL || this == SOURCE;
        }

        /** The sink's writes, which need no reader: a run of them alone measures nothing else. */
        boolean sink() {
            return this == ALL || this == SINK;
        }
    }

    static BenchmarkOptions parse(String[] args) {
        int runs = DEFAULT_RUNS;
        int scale = 1;
        Readers readers = Readers.ALL;
        Path output = Paths.get("docs", "benchmarks");
        List<Integer> shards = DEFAULT_SCALE_SHARDS;
        List<Integer> receivers = DEFAULT_SCALE_RECEIVERS;
        Integer recordsPerRead = null;
        Integer receiverBudgetMib = null;
        Integer leaseFailoverSeconds = null;
        Path compareWith = null;
        Path compareClassPath = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(value(args, ++i, "--runs"));
                case "--quick" -> {
                    runs = 1;
                    scale = 4;
                }
                case "--only" -> readers = readers(value(args, ++i, "--only"));
                case "--output" -> output = Paths.get(value(args, ++i, "--output"));
                case "--shards" -> shards = counts(value(args, ++i, "--shards"), "--shards");
                case "--receivers" -> receivers = counts(value(args, ++i, "--receivers"), "--receivers");
                case "--records-per-read" -> recordsPerRead = counts(value(args, ++i, "--records-per-read"),
                        "--records-per-read").get(0);
                case "--receiver-budget-mib" -> receiverBudgetMib = counts(value(args, ++i,
                        "--receiver-budget-mib"), "--receiver-budget-mib").get(0);
                case "--lease-failover-s" -> leaseFailoverSeconds = counts(value(args, ++i,
                        "--lease-failover-s"), "--lease-failover-s").get(0);
                case "--compare-with" -> compareWith = Paths.get(value(args, ++i, "--compare-with"));
                case "--compare-classpath" -> compareClassPath = Paths.get(value(args, ++i, "--compare-classpath"));
                default -> throw new IllegalArgumentException("Unknown argument '" + args[i] + "'; use [--runs N] "
                        + "[--quick] [--only dstream|source|sink|efo|scale|compare] [--shards N,N] [--receivers N,N] "
                        + "[--records-per-read N] [--receiver-budget-mib N] [--lease-failover-s N] "
                        + "[--compare-with JAR [--compare-classpath FILE]] [--output DIR]");
            }
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + runs);
        }
        if (compareWith == null && (readers == Readers.COMPARE || compareClassPath != null)) {
            throw new IllegalArgumentException("The comparison needs the other connector's jar: --compare-with JAR, "
                    + "e.g. --compare-with ../shared/peers/spark-streaming-kinesis-asl_2.13-4.2.0.jar");
        }
        PeerConnector peer = null;
        if (compareWith != null) {
            if (readers != Readers.ALL && readers != Readers.COMPARE) {
                throw new IllegalArgumentException("--compare-with runs the comparison alone; leave out --only "
                        + readers.name().toLowerCase(Locale.ROOT) + " or use --only compare");
            }
            readers = Readers.COMPARE;
            peer = new PeerConnector(compareWith, compareClassPath);
        }
        return new BenchmarkOptions(runs, scale, readers, output, shards, receivers, recordsPerRead,
                receiverBudgetMib, leaseFailoverSeconds, peer);
    }

    private static Readers readers(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "dstream" -> Readers.DSTREAM;
            case "source" -> Readers.SOURCE;
            case "sink" -> Readers.SINK;
            case "efo" -> Readers.EFO;
            case "scale" -> Readers.SCALE;
            case "compare" -> Readers.COMPARE;
            default -> throw new IllegalArgumentException("--only takes dstream, source, sink, efo, scale or compare, "
                    + "got '" + value + "'");
        };
    }

    /** Positive whole numbers separated by commas, in ascending order. */
    private static List<Integer> counts(String value, String option) {
        List<Integer> counts = new ArrayList<>();
        for (String part : value.split(",")) {
            int count;
            try {
                count = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                count = 0;
            }
            if (count < 1) {
                throw new IllegalArgumentException(option + " takes positive numbers separated by commas, got '"
                        + value + "'");
            }
            counts.add(count);
        }
        Collections.sort(counts);
        return List.copyOf(counts);
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
     * ({@code results-source.md}), so that it never replaces the full report with a part of it; the scale harness
     * writes {@code results-scale.md}.
     */
    String reportFile() {
        return readers == Readers.ALL ? "results.md" : "results-" + readers.name().toLowerCase(Locale.ROOT) + ".md";
    }
}
