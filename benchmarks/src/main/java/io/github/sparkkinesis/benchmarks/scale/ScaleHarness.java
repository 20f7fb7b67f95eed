package io.github.sparkkinesis.benchmarks.scale;

import io.github.sparkkinesis.benchmarks.measure.ConsumerSettings;
import io.github.sparkkinesis.benchmarks.measure.LoadAverage;
import io.github.sparkkinesis.benchmarks.measure.PlainReadLoop;
import io.github.sparkkinesis.benchmarks.server.InMemoryStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The scale harness: streams of many shards on the fast Kinesis server with Kinesis's limits, read by 1 to 8
 * receivers on a standalone cluster of two workers and by the Structured Streaming source, every shard behind. It
 * measures how long until every shard is read, memory, CPU and rate, DynamoDB traffic and throttling, and the source's
 * planning time per micro-batch, and writes {@code results-scale.md}. See {@code docs/scaling.md}.
 */
public final class ScaleHarness {

    /**
     * At least 20 MiB of 1 KiB records per shard, and 2.5 million records per stream: every shard stays behind for
     * the whole run at 256 and 1,024 shards, and a 64-shard drain lasts long enough to be timed.
     */
    static final int MIN_RECORDS_PER_SHARD = 20_000;
    static final int MIN_RECORDS_PER_STREAM = 2_560_000;
    /** The stream drained to its end for the comparison with the plain read loop. */
    static final int DRAIN_SHARDS = 64;
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    /** A budget so large that only the KCL's per-shard bounds are left: what a receiver holds without ours. */
    static final long NO_RECEIVER_BUDGET = 64L << 30;

    private final List<Integer> shardCounts;
    private final List<Integer> receiverCounts;
    private final boolean withoutBudget;
    private final ReceiverSettings settings;
    private final Path report;

    /**
     * @param withoutBudget also run the largest stream with the largest receiver count without the receiver budget
     * @param maxRecordsPerRead the receivers' records per GetRecords call, null for the default; when given, only
     *     the DStream runs (the source does not read with receivers)
     * @param receiverBudgetMib the receivers' prefetch budget in MiB, null for the default; when given, only the
     *     DStream runs
     * @param leaseFailoverSeconds the receivers' lease failover time in seconds, null for the default; when given,
     *     only the DStream runs
     */
    public ScaleHarness(List<Integer> shardCounts, List<Integer> receiverCounts, boolean withoutBudget,
            Integer maxRecordsPerRead, Integer receiverBudgetMib, Integer leaseFailoverSeconds, Path report) {
        this.shardCounts = List.copyOf(shardCounts);
        this.receiverCounts = List.copyOf(receiverCounts);
        this.withoutBudget = withoutBudget;
        this.settings = new ReceiverSettings(receiverBudgetMib == null ? null : (long) receiverBudgetMib << 20,
                maxRecordsPerRead, leaseFailoverSeconds);
        this.report = report;
    }

    public void run() throws Exception {
        long start = System.nanoTime();
        List<ScaleResult> dstreams = new ArrayList<>();
        List<ScaleResult> sources = new ArrayList<>();
        double plainLoop = Double.NaN;
        System.out.println("Scale harness: " + shardCounts + " shards, " + receiverCounts + " receivers");
        try (ScaleEnvironment environment = ScaleEnvironment.start(shardCounts, ScaleHarness::recordsPerShard)) {
            if (shardCounts.contains(DRAIN_SHARDS)) {
                plainLoop = plainLoop(environment);
            }
            for (int shards : shardCounts) {
                for (int receivers : receiverCounts) {
                    dstreams.add(DStreamScaleRun.run(environment, shards, receivers, settings,
                            shards == DRAIN_SHARDS ? DRAIN_TIMEOUT : Duration.ZERO));
                }
            }
            if (withoutBudget) {
                dstreams.add(DStreamScaleRun.run(environment, shardCounts.get(shardCounts.size() - 1),
                        receiverCounts.get(receiverCounts.size() - 1),
                        settings.withPrefetchBytesPerReceiver(NO_RECEIVER_BUDGET), Duration.ZERO));
            }
            for (int shards : settings.equals(ReceiverSettings.DEFAULTS) ? shardCounts : List.<Integer>of()) {
                sources.add(SourceScaleRun.run(environment, shards));
            }
        }
        write(dstreams, sources, plainLoop, Duration.ofNanos(System.nanoTime() - start));
    }

    private static double plainLoop(ScaleEnvironment environment) throws Exception {
        InMemoryStream stream = environment.stream(DRAIN_SHARDS);
        double load = LoadAverage.sample();
        double rate = PlainReadLoop.recordsPerSecondAtKinesisLimits(environment.endpoints(), stream.name(),
                (long) DRAIN_SHARDS * recordsPerShard(DRAIN_SHARDS), ConsumerSettings.KINESIS_READ_LIMIT);
        System.out.printf("  plain read loop at %d shards: %.0f records/s (load %.2f)%n", DRAIN_SHARDS, rate, load);
        stream.forgetReads();
        return rate;
    }

    static int recordsPerShard(int shards) {
        return Math.max(MIN_RECORDS_PER_SHARD, MIN_RECORDS_PER_STREAM / shards);
    }

    private void write(List<ScaleResult> dstreams, List<ScaleResult> sources, double plainLoop, Duration took)
            throws Exception {
        StringBuilder out = new StringBuilder("## Scale results\n\n")
                .append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores (shared with ")
                .append("other work: see the load column), ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.version")).append("; one run per row; the fast Kinesis server with ")
                .append("Kinesis's limits and dynalite on the same machine; ")
                .append("records of ").append(ScaleEnvironment.RECORD_BYTES).append(" B, at least ")
                .append(MIN_RECORDS_PER_SHARD).append(" per shard and ").append(MIN_RECORDS_PER_STREAM)
                .append(" per stream; Spark's backpressure on; one-minute load average ").append(LoadAverage.range())
                .append(" at the starts of the runs; the harness took ").append(took.toMinutes()).append(" min.\n\n");
        if (!dstreams.isEmpty()) {
            out.append(ScaleReport.dstreamTable(dstreams));
            if (!Double.isNaN(plainLoop)) {
                out.append(ScaleReport.drainTable(dstreams, plainLoop, DRAIN_SHARDS));
            }
            out.append(ScaleReport.dynamoDbTable(dstreams));
        }
        if (!sources.isEmpty()) {
            out.append(ScaleReport.sourceTable(sources));
        }
        List<ScaleResult> all = new ArrayList<>(dstreams);
        all.addAll(sources);
        out.append(ScaleReport.kinesisTable(all));
        Files.createDirectories(report.getParent());
        Files.writeString(report, out, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(out);
        System.out.println("Written to " + report.toAbsolutePath());
    }
}
