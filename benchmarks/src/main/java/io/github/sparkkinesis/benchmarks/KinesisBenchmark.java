package io.github.sparkkinesis.benchmarks;

import io.github.sparkkinesis.benchmarks.backend.FastServerProcess;
import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import io.github.sparkkinesis.benchmarks.backlog.BacklogRecord;
import io.github.sparkkinesis.benchmarks.backlog.KinesisMockBacklog;
import io.github.sparkkinesis.benchmarks.backlog.ShardHashRanges;
import io.github.sparkkinesis.benchmarks.measure.BenchmarkSpark;
import io.github.sparkkinesis.benchmarks.measure.ConnectorDrain;
import io.github.sparkkinesis.benchmarks.measure.ConnectorLatency;
import io.github.sparkkinesis.benchmarks.measure.ConsumerSettings;
import io.github.sparkkinesis.benchmarks.measure.Summary;
import io.github.sparkkinesis.benchmarks.report.Figures;
import io.github.sparkkinesis.benchmarks.report.MarkdownTable;
import io.github.sparkkinesis.benchmarks.report.ScalingChart;
import io.github.sparkkinesis.localstack.LocalStack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.streaming.Durations;

/**
 * The benchmark harness: backlog drain, consumer CPU and heap, latency and scaling of the connector, on the fast
 * loopback Kinesis endpoint (so the connector, not the server, is the limit) and on kinesis-mock (the local stack's
 * real Kinesis emulator). Prints Markdown tables and writes them with a chart to {@code docs/benchmarks/}.
 *
 * <p>Run it with {@code mvn -Pbenchmark -DskipTests package} (see {@code docs/benchmarks.md}).
 */
public final class KinesisBenchmark {

    private static final int SMALL = 100;
    private static final int LARGE = 1024;
    private static final int LATENCY_SHARDS = 4;
    private static final Duration LATENCY_PRODUCE_FOR = Duration.ofSeconds(20);
    private static final int FAST_LATENCY_RATE = 1_000;
    // kinesis-mock's PutRecords slows down as shards fill; this rate it sustains for the whole run.
    private static final int MOCK_LATENCY_RATE = 200;
    private static final int[] SCALING_SHARDS = {1, 2, 4, 8};

    private final BenchmarkOptions options;
    private final MarkdownTable drains = drainTable();
    private final MarkdownTable latencies = latencyTable();
    private final List<MarkdownTable> scalingTables = new ArrayList<>();
    private final Map<String, Map<Integer, Double>> scaling = new LinkedHashMap<>();

    private KinesisBenchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        try {
            new KinesisBenchmark(options).run();
        } finally {
            BenchmarkSpark.stop();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        try (LocalStack stack = LocalStack.start()) {
            fastServer(stack);
            mockLatency(stack);
        }
        kinesisMockDrains();
        writeReport(Duration.ofNanos(System.nanoTime() - start));
    }

    private static MarkdownTable drainTable() {
        return new MarkdownTable("Backlog drain (4 shards unless noted; median of runs, min–max in brackets)",
                "server", "backlog", "connector records/s", "MiB/s", "plain read loop records/s",
                "connector / plain", "CPU s per 1M records", "peak heap MiB", "first record after s");
    }

    private void fastServer(LocalStack stack) throws Exception {
        List<Backlog> backlogs = List.of(
                new Backlog("drain-small", 4, options.records(100_000), SMALL),
                new Backlog("drain-large", 4, options.records(50_000), LARGE),
                // A 10,000 × 1 KiB answer is larger than the default prefetch bound, so the KCL cannot read the
                // next batch while the receiver stores one: the same drain with room for three.
                new Backlog("drain-large", 4, options.records(50_000), LARGE,
                        ConsumerSettings.maxPrefetchBytesPerShard(32L << 20)));
        List<Backlog> scaled = new ArrayList<>();
        for (int shards : SCALING_SHARDS) {
            scaled.add(new Backlog("scale-" + shards, shards, options.records(100_000), SMALL));
        }
        List<String> specs = new ArrayList<>();
        backlogs.stream().map(Backlog::fastServerSpec).distinct().forEach(specs::add);
        scaled.forEach(backlog -> specs.add(backlog.fastServerSpec()));
        int latencyRuns = 3 * options.runs();
        for (int run = 0; run < latencyRuns; run++) {
            specs.add(new Backlog("latency-" + run, LATENCY_SHARDS, 0, SMALL).fastServerSpec());
        }
        System.out.println("Starting the fast Kinesis server with " + specs);
        try (FastServerProcess server = FastServerProcess.start(specs)) {
            KinesisEndpoints endpoints = new KinesisEndpoints(server.endpoint(), stack.dynamoDbEndpoint());
            for (Backlog backlog : backlogs) {
                drains.row(drainRow("fast loopback", DrainFigures.measure(endpoints, backlog, options.runs())));
            }
            scalingFigures("fast loopback", endpoints, scaled);
            fastLatency(endpoints, latencyRuns);
        }
    }

    private void scalingFigures(String server, KinesisEndpoints endpoints, List<Backlog> backlogs) throws Exception {
        MarkdownTable table = new MarkdownTable("Scaling on the " + server + " server (" + SMALL + " B records)",
                "shards", "connector records/s", "plain read loop records/s", "connector / plain",
                "CPU s per 1M records");
        Map<Integer, Double> connector = new TreeMap<>();
        Map<Integer, Double> plain = new TreeMap<>();
        for (Backlog backlog : backlogs) {
            DrainFigures figures = DrainFigures.measure(endpoints, backlog, options.runs());
            table.row(Integer.toString(backlog.shards()), Figures.withRange(figures.recordsPerSecond(), 0),
                    Figures.withRange(figures.plain(), 0), Figures.withRange(figures.ratio(), 2),
                    Figures.withRange(figures.connector(ConnectorDrain.Result::cpuSecondsPerMillionRecords), 1));
            connector.put(backlog.shards(), figures.recordsPerSecond().median());
            plain.put(backlog.shards(), figures.plain().median());
        }
        scaling.put("connector", connector);
        scaling.put("plain GetRecords loop", plain);
        scalingTables.add(table);
    }

    private void fastLatency(KinesisEndpoints endpoints, int streams) throws Exception {
        List<ConsumerSettings> variants = List.of(ConsumerSettings.DEFAULTS,
                ConsumerSettings.idleTimeBetweenReads(Durations.milliseconds(200)),
                ConsumerSettings.idleTimeBetweenReads(Durations.milliseconds(1000)));
        int stream = 0;
        for (ConsumerSettings settings : variants) {
            List<ConnectorLatency.Result> results = new ArrayList<>();
            for (int run = 1; run <= options.runs(); run++) {
                results.add(latencyRun(endpoints, "latency-" + stream++, FAST_LATENCY_RATE, settings));
            }
            latencies.row(latencyRow("fast loopback", settings, results));
        }
        if (stream > streams) {
            throw new IllegalStateException("Used " + stream + " latency streams of " + streams);
        }
    }

    private void mockLatency(LocalStack stack) throws Exception {
        KinesisEndpoints endpoints = new KinesisEndpoints(stack.kinesisEndpoint(), stack.dynamoDbEndpoint());
        List<ConnectorLatency.Result> results = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            String stream = stack.streams().createUniqueStream("latency", LATENCY_SHARDS);
            results.add(latencyRun(endpoints, stream, MOCK_LATENCY_RATE, ConsumerSettings.DEFAULTS));
        }
        latencies.row(latencyRow("kinesis-mock", ConsumerSettings.DEFAULTS, results));
    }

    private static ConnectorLatency.Result latencyRun(KinesisEndpoints endpoints, String stream, int rate,
            ConsumerSettings settings) throws Exception {
        ConnectorLatency.Result result =
                ConnectorLatency.run(endpoints, stream, rate, SMALL, LATENCY_PRODUCE_FOR, settings);
        System.out.printf("  latency at %d records/s (%s): p50 %d ms, p95 %d ms, p99 %d ms over %d records%n",
                rate, settings, result.p50Millis(), result.p95Millis(), result.p99Millis(), result.samples());
        return result;
    }

    private static MarkdownTable latencyTable() {
        return new MarkdownTable("Latency, put to processed, 1 s batches (" + LATENCY_SHARDS + " shards, "
                + SMALL + " B records; median of runs, min–max in brackets)",
                "server", "records/s", "connector settings", "p50 ms", "p95 ms", "p99 ms", "records measured");
    }

    private static String[] latencyRow(String server, ConsumerSettings settings,
            List<ConnectorLatency.Result> results) {
        return new String[] {server,
                Figures.withRange(Summary.of(results, ConnectorLatency.Result::achievedRecordsPerSecond), 0),
                settings.toString(),
                Figures.withRange(Summary.of(results, ConnectorLatency.Result::p50Millis), 0),
                Figures.withRange(Summary.of(results, ConnectorLatency.Result::p95Millis), 0),
                Figures.withRange(Summary.of(results, ConnectorLatency.Result::p99Millis), 0),
                Figures.withRange(Summary.of(results, ConnectorLatency.Result::samples), 0)};
    }

    private void kinesisMockDrains() throws Exception {
        List<Backlog> backlogs = List.of(
                new Backlog("mock-small", 4, options.records(50_000), SMALL),
                // kinesis-mock needs tens of seconds to answer four 10,000 × 1 KiB reads at once, longer than the
                // SDK's read timeout, so both sides read 1,000 records per call here.
                new Backlog("mock-large", 4, options.records(20_000), LARGE, ConsumerSettings.maxRecordsPerRead(1_000)),
                new Backlog("mock-one-shard", 1, options.records(50_000), SMALL));
        for (Backlog backlog : backlogs) {
            Path state = Files.createTempFile("kinesis-mock-" + backlog.name(), ".json");
            try {
                writeMockBacklog(backlog, state);
                try (LocalStack stack = LocalStack.startWithKinesisState(state)) {
                    KinesisEndpoints endpoints =
                            new KinesisEndpoints(stack.kinesisEndpoint(), stack.dynamoDbEndpoint());
                    drains.row(drainRow("kinesis-mock", DrainFigures.measure(endpoints, backlog, options.runs())));
                }
            } finally {
                Files.deleteIfExists(state);
            }
        }
    }

    /** One partition key per shard and one shared payload: the records differ only in sequence number. */
    private static void writeMockBacklog(Backlog backlog, Path state) {
        ShardHashRanges ranges = ShardHashRanges.evenlySplit(backlog.shards());
        List<String> keys = new ArrayList<>();
        for (int shard = 0; shard < backlog.shards(); shard++) {
            keys.add(ranges.partitionKeys(shard, "key-", 1).get(0));
        }
        byte[] payload = new byte[backlog.recordBytes()];
        Arrays.fill(payload, (byte) 'x');
        KinesisMockBacklog.of(backlog.name(), backlog.shards(), backlog.recordsPerShard(),
                (shard, index) -> new BacklogRecord(keys.get(shard), payload)).writeTo(state);
    }

    private static String[] drainRow(String server, DrainFigures figures) {
        Backlog backlog = figures.backlog();
        return new String[] {server, backlog.describe(),
                Figures.withRange(figures.recordsPerSecond(), 0),
                Figures.withRange(figures.connector(r -> r.mebibytesPerSecond(backlog.recordBytes())), 1),
                Figures.withRange(figures.plain(), 0),
                Figures.withRange(figures.ratio(), 2),
                Figures.withRange(figures.connector(ConnectorDrain.Result::cpuSecondsPerMillionRecords), 1),
                Figures.withRange(figures.connector(r -> r.peakHeapBytes() / (1024.0 * 1024.0)), 0),
                Figures.withRange(figures.connector(ConnectorDrain.Result::secondsToFirstRecord), 1)};
    }

    private void writeReport(Duration took) throws Exception {
        Files.createDirectories(options.output());
        StringBuilder report = new StringBuilder("## Results\n\n")
                .append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(", ").append(options.runs()).append(" run(s) per figure; the harness took ")
                .append(took.toMinutes()).append(" min.\n\n");
        report.append(drains.toMarkdown());
        scalingTables.forEach(table -> report.append(table.toMarkdown()));
        report.append(latencies.toMarkdown());
        report.append("![Drain rate by shard count](scaling.png)\n");
        Files.writeString(options.output().resolve("results.md"), report, StandardCharsets.UTF_8);
        ScalingChart.write(options.output().resolve("scaling.png"),
                "Backlog drain rate by shard count (fast loopback server)", scaling);
        System.out.println();
        System.out.println(report);
        System.out.println("Written to " + options.output().toAbsolutePath());
    }
}
