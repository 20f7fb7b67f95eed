package io.github.sparkkinesis.benchmarks.cost;

import io.github.sparkkinesis.benchmarks.backend.FastServerProcess;
import io.github.sparkkinesis.benchmarks.compare.ForkedRun;
import io.github.sparkkinesis.benchmarks.measure.LoadAverage;
import io.github.sparkkinesis.benchmarks.measure.Summary;
import io.github.sparkkinesis.benchmarks.report.Figures;
import io.github.sparkkinesis.benchmarks.report.MarkdownTable;
import io.github.sparkkinesis.localstack.LocalStack;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Before/after pairs of the DStream's CPU cost: drains one backlog on the fast loopback server in a new child JVM
 * per run ({@link DrainChild}), the variants interleaved run by run (A, B, A, B...) so that the shared machine's
 * load falls on both alike, and prints per variant the median and range of the CPU seconds per million records,
 * the drain rate, the GC's and the JIT's share of the CPU, and the one-minute load at each run's start. With
 * {@code --profile DIR} every child records a JFR profile into {@code DIR/VARIANT-RUN.jfr} (see
 * {@link JfrBreakdown}). With {@code --compare-with JAR} it drains with our connector and with that one instead of
 * variants ({@link ComparedDrains}).
 *
 * <p>Example: {@code java -cp ... io.github.sparkkinesis.benchmarks.cost.DrainCostHarness --shards 1 --runs 3
 * --variant defaults --variant "serialized:-Dbenchmark.storageLevel=MEMORY_AND_DISK_SER_2"}.
 */
public final class DrainCostHarness {

    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(15);
    private static final String CHILD_HEAP = "-Xmx4g";
    private static final String STREAM = "cost";
    private static final String WARM_UP_STREAM = "warm-up";

    private final CostOptions options;

    private DrainCostHarness(CostOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new DrainCostHarness(CostOptions.parse(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        if (options.profile() != null) {
            Files.createDirectories(options.profile());
        }
        String spec = STREAM + ":" + options.shards() + ":" + options.recordsPerShard() + ":" + options.recordBytes();
        long records = (long) options.shards() * options.recordsPerShard();
        List<String> streams = new ArrayList<>(List.of(spec));
        if (options.warmUpRecordsPerShard() > 0) {
            streams.add(WARM_UP_STREAM + ":" + options.shards() + ":" + options.warmUpRecordsPerShard() + ":"
                    + options.recordBytes());
        }
        Map<CostVariant, List<ChildResult>> results = new LinkedHashMap<>();
        options.variants().forEach(variant -> results.put(variant, new ArrayList<>()));
        try (LocalStack stack = LocalStack.start(); FastServerProcess server = FastServerProcess.start(streams)) {
            if (options.peer() != null) {
                new ComparedDrains(options).run(server.endpoint(), stack.dynamoDbEndpoint(), STREAM, records);
                return;
            }
            for (int run = 1; run <= options.runs(); run++) {
                for (CostVariant variant : options.variants()) {
                    double load = LoadAverage.sample();
                    ChildResult result;
                    try {
                        result = runChild(variant, run, server.endpoint().toString(),
                                stack.dynamoDbEndpoint().toString(), records, load);
                    } catch (IllegalStateException failed) {
                        // One variant failing (a setting Spark rejects) must not lose the others' runs.
                        System.out.println(variant.name() + " run " + run + " failed: " + failed.getMessage());
                        continue;
                    }
                    System.out.println(String.format(Locale.ROOT,
                            "%s run %d: %.2f CPU s per 1M records, %,.0f records/s, GC %.0f %%, JIT %.0f %%, first "
                                    + "record after %.1f s, load %.2f",
                            variant.name(), run, result.cpuSecondsPerMillionRecords(), result.recordsPerSecond(),
                            100 * result.gcShare(), 100 * result.jitShare(), result.firstRecordSeconds(), load));
                    results.get(variant).add(result);
                }
            }
        }
        MarkdownTable table = new MarkdownTable(String.format(Locale.ROOT,
                "DStream drain of %d × %,d × %d B on the fast loopback server, a new JVM per run%s, variants "
                        + "interleaved (median of %d runs, min–max in brackets)", options.shards(),
                options.recordsPerShard(), options.recordBytes(), options.warmUpRecordsPerShard() == 0 ? ""
                        : String.format(Locale.ROOT, " after an unmeasured drain of %,d records per shard",
                                options.warmUpRecordsPerShard()), options.runs()),
                "variant", "CPU s per 1M records", "records/s", "GC share of CPU", "JIT share of CPU",
                "peak heap MiB", "first record after s", "1-min load at start");
        results.values().removeIf(List::isEmpty);
        results.forEach((variant, runs) -> table.row(variant.name(),
                Figures.withRange(Summary.of(runs, ChildResult::cpuSecondsPerMillionRecords), 2),
                Figures.withRange(Summary.of(runs, ChildResult::recordsPerSecond), 0),
                Figures.withRange(Summary.of(runs, r -> 100 * r.gcShare()), 0) + " %",
                Figures.withRange(Summary.of(runs, r -> 100 * r.jitShare()), 0) + " %",
                Figures.withRange(Summary.of(runs, r -> r.peakHeapBytes() / (1024.0 * 1024.0)), 0),
                Figures.withRange(Summary.of(runs, ChildResult::firstRecordSeconds), 1),
                Figures.withRange(Summary.of(runs, ChildResult::load), 2)));
        System.out.println();
        System.out.println(table.toMarkdown());
    }

    private ChildResult runChild(CostVariant variant, int run, String kinesis, String dynamoDb, long records,
            double load) throws IOException, InterruptedException {
        List<String> jvmOptions = new ArrayList<>();
        jvmOptions.add(CHILD_HEAP);
        jvmOptions.addAll(variant.jvmOptions());
        if (options.profile() != null) {
            jvmOptions.addAll(ProfileWindow.recordingOptions(options.profile().resolve(variant.name() + "-" + run
                    + ".jfr")));
        }
        String classPath = System.getProperty("java.class.path");
        List<String> arguments = new ArrayList<>(List.of(kinesis, dynamoDb, STREAM, Long.toString(records)));
        if (options.warmUpRecordsPerShard() > 0) {
            arguments.add(WARM_UP_STREAM);
            arguments.add(Long.toString((long) options.shards() * options.warmUpRecordsPerShard()));
        }
        return ChildResult.of(ForkedRun.run(DrainChild.class,
                variant.classesFirst() == null ? classPath : variant.classesFirst() + File.pathSeparator + classPath,
                jvmOptions, arguments, Map.of(), CHILD_TIMEOUT, "drain-" + variant.name() + "-" + run), load);
    }
}
