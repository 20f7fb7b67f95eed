package io.github.sparkkinesis.benchmarks;

import io.github.sparkkinesis.benchmarks.backend.FastServerProcess;
import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import io.github.sparkkinesis.benchmarks.measure.BenchmarkSpark;
import io.github.sparkkinesis.benchmarks.measure.ConnectorDrain;
import io.github.sparkkinesis.benchmarks.measure.ConnectorLatency;
import io.github.sparkkinesis.benchmarks.measure.ConsumerSettings;
import io.github.sparkkinesis.benchmarks.measure.DrainRun;
import io.github.sparkkinesis.benchmarks.measure.LoadAverage;
import io.github.sparkkinesis.benchmarks.measure.SinkWrite;
import io.github.sparkkinesis.benchmarks.measure.SourceDrain;
import io.github.sparkkinesis.benchmarks.measure.SourceFirstRow;
import io.github.sparkkinesis.benchmarks.measure.SourceLatency;
import io.github.sparkkinesis.benchmarks.measure.SourceSettings;
import io.github.sparkkinesis.benchmarks.measure.Summary;
import io.github.sparkkinesis.benchmarks.report.Figures;
import io.github.sparkkinesis.benchmarks.report.MarkdownTable;
import io.github.sparkkinesis.benchmarks.report.ScalingChart;
import io.github.sparkkinesis.benchmarks.scale.ScaleHarness;
import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.fanout.FanOutKinesisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.streaming.Durations;

/**
 * The benchmark harness: backlog drain, consumer CPU and heap, latency and scaling of the connector, and drain, first
 * row and latency of the Structured Streaming source, on the fast loopback Kinesis endpoint (so the reader, not the
 * server, is the limit) and on kinesis-mock (the local stack's real Kinesis emulator). Prints Markdown tables and
 * writes them with a chart to {@code docs/benchmarks/}.
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
    private static final String DSTREAM = "DStream";
    private static final String SOURCE = "readStream";
    // A stream "with records" for the source's first row: one GetRecords page per shard, so the figure is the
    // query's start-up, not the size of a backlog (the drain rows give it on their backlogs).
    private static final int FIRST_ROW_SHARDS = 4;
    private static final int FIRST_ROW_RECORDS_PER_SHARD = 1_000;

    private final BenchmarkOptions options;
    private final MarkdownTable drains;
    private final MarkdownTable sourceDrains = sourceDrainTable();
    private final MarkdownTable firstRows = firstRowTable();
    private final MarkdownTable latencies = latencyTable();
    private final MarkdownTable sinkWrites = sinkWriteTable();
    private final List<MarkdownTable> scalingTables = new ArrayList<>();
    private final Map<String, Map<Integer, Double>> scaling = new LinkedHashMap<>();

    private KinesisBenchmark(BenchmarkOptions options) {
        this.options = options;
        this.drains = drainTable(options.readers().dstream() ? "Backlog drain"
                : "DStream backlog drain of the source's backlogs");
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        if (options.readers() == BenchmarkOptions.Readers.SCALE) {
            // --quick leaves out the comparison run without the receiver budget.
            new ScaleHarness(options.scaleShards(), options.scaleReceivers(), options.scale() == 1,
                    options.scaleRecordsPerRead(), options.scaleReceiverBudgetMib(),
                    options.scaleLeaseFailoverSeconds(),
                    options.output().resolve(options.reportFile())).run();
            System.exit(0);
        }
        if (options.readers() == BenchmarkOptions.Readers.COMPARE) {
            new ConnectorComparison(options).run();
            System.exit(0);
        }
        try {
            new KinesisBenchmark(options).run();
        } finally {
            BenchmarkSpark.stop();
        }
        System.exit(0);
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        if (options.readers() == BenchmarkOptions.Readers.EFO) {
            try (LocalStack stack = LocalStack.start()) {
                fanOutLatency(stack);
            }
            writeReport(Duration.ofNanos(System.nanoTime() - start));
            return;
        }
        if (options.readers() != BenchmarkOptions.Readers.SINK) {
            try (LocalStack stack = LocalStack.start()) {
                fastServer(stack);
                mockStack(stack);
            }
            kinesisMockDrains();
        }
        if (options.readers().sink()) {
            sinkWrites();
        }
        writeReport(Duration.ofNanos(System.nanoTime() - start));
    }

    private static MarkdownTable sinkWriteTable() {
        return new MarkdownTable("Structured Streaming sink: batch write of generated rows, 4 tasks, 1,000 partition "
                + "keys, into a 4-shard stream (median of runs, min–max in brackets)",
                "server", "rows", "aggregate", "sink records/s", "MiB/s", "CPU s per 1M records");
    }

    /** The sink's rows: 100 B and 1 KiB rows, with and without aggregation, into the fast loopback server. */
    private void sinkWrites() throws Exception {
        List<Backlog> writes = List.of(new Backlog("sink-small", 4, 0, SMALL), new Backlog("sink-large", 4, 0, LARGE));
        List<String> specs = new ArrayList<>();
        writes.forEach(stream -> specs.add(stream.fastServerSpec()));
        System.out.println("Starting the fast Kinesis server with " + specs);
        try (FastServerProcess server = FastServerProcess.start(specs)) {
            for (Backlog stream : writes) {
                int records = options.records(stream.recordBytes() == SMALL ? 200_000 : 50_000);
                for (boolean aggregate : new boolean[] {false, true}) {
                    // One write first, unmeasured: class loading and code generation are not the sink's rate.
                    SinkWrite.run(server.endpoint(), stream.name(), Math.min(records, 10_000), stream.recordBytes(),
                            aggregate);
                    List<SinkWrite.Result> results = new ArrayList<>();
                    for (int run = 1; run <= options.runs(); run++) {
                        LoadAverage.sample();
                        results.add(SinkWrite.run(server.endpoint(), stream.name(), records, stream.recordBytes(),
                                aggregate));
                    }
                    sinkWrites.row("fast loopback", String.format("%,d × %s", records,
                                    stream.recordBytes() >= 1024 ? stream.recordBytes() / 1024 + " KiB"
                                            : stream.recordBytes() + " B"),
                            aggregate ? "yes" : "no",
                            Figures.withRange(Summary.of(results, SinkWrite.Result::recordsPerSecond), 0),
                            Figures.withRange(Summary.of(results, SinkWrite.Result::mibPerSecond), 1),
                            Figures.withRange(Summary.of(results, SinkWrite.Result::cpuSecondsPerMillionRecords), 1));
                }
            }
        }
    }

    private static MarkdownTable drainTable(String title) {
        return new MarkdownTable(title + " (4 shards unless noted; median of runs, min–max in brackets)",
                "server", "backlog", "connector records/s", "MiB/s", "plain read loop records/s",
                "connector / plain", "CPU s per 1M records", "peak heap MiB", "first record after s");
    }

    private static MarkdownTable sourceDrainTable() {
        return new MarkdownTable("Structured Streaming source: backlog drain with Trigger.AvailableNow, no limits "
                + "(median of runs, min–max in brackets)",
                "server", "backlog", "source records/s", "MiB/s", "plain read loop records/s", "source / plain",
                "plain loop at 2 MiB/s per shard records/s", "source / that loop", "fetch jobs alone records/s",
                "CPU s per 1M records", "peak heap MiB", "first row after s", "batches",
                "fetch / batches / other s");
    }

    private static MarkdownTable firstRowTable() {
        return new MarkdownTable("Structured Streaming source: from start() to the first row (new query, "
                + "trim_horizon, 1 s processing-time trigger; median of runs, min–max in brackets)",
                "server", "stream", "first GetRecords call s", "first records read s", "first row processed s",
                "first trigger: fetch / batch / other s");
    }

    private void fastServer(LocalStack stack) throws Exception {
        Backlog sourceBacklog = new Backlog("drain-small", 4, options.records(100_000), SMALL);
        // Without the DStream's own rows, it still drains the source's backlog: the comparison in the same run.
        List<Backlog> backlogs = !options.readers().dstream() ? List.of(sourceBacklog) : List.of(
                sourceBacklog,
                new Backlog("drain-large", 4, options.records(50_000), LARGE),
                // A 10,000 × 1 KiB answer is larger than the default prefetch bound, so the KCL cannot read the
                // next batch while the receiver stores one: the same drain with room for three.
                new Backlog("drain-large", 4, options.records(50_000), LARGE,
                        ConsumerSettings.maxPrefetchBytesPerShard(32L << 20)));
        List<Backlog> scaled = new ArrayList<>();
        for (int shards : options.readers().dstream() ? SCALING_SHARDS : new int[0]) {
            scaled.add(new Backlog("scale-" + shards, shards, options.records(100_000), SMALL));
        }
        Backlog firstRow = new Backlog("first-row", FIRST_ROW_SHARDS, FIRST_ROW_RECORDS_PER_SHARD, SMALL);
        List<String> specs = new ArrayList<>();
        backlogs.stream().map(Backlog::fastServerSpec).distinct().forEach(specs::add);
        scaled.forEach(backlog -> specs.add(backlog.fastServerSpec()));
        if (options.readers().source()) {
            specs.add(firstRow.fastServerSpec());
        }
        int latencyRuns = latencyVariants().size() * options.runs() + (options.readers().source() ? options.runs() : 0);
        for (int run = 0; run < latencyRuns; run++) {
            specs.add(new Backlog("latency-" + run, LATENCY_SHARDS, 0, SMALL).fastServerSpec());
        }
        System.out.println("Starting the fast Kinesis server with " + specs);
        try (FastServerProcess server = FastServerProcess.start(specs)) {
            KinesisEndpoints endpoints = new KinesisEndpoints(server.endpoint(), stack.dynamoDbEndpoint());
            for (Backlog backlog : backlogs) {
                drains.row(drainRow("fast loopback", DrainFigures.dstream(endpoints, backlog, options.runs())));
            }
            if (options.readers().dstream()) {
                scalingFigures("fast loopback", endpoints, scaled);
            }
            if (options.readers().source()) {
                // First row before the drains: its first run is then the JVM's first Structured Streaming query,
                // with the class loading and code generation a new application pays, and the range shows it.
                firstRows.row(firstRowRow("fast loopback", firstRow.describe(), endpoints, firstRow.name()));
                sourceDrains.row(sourceDrainRow("fast loopback",
                        DrainFigures.source(endpoints, sourceBacklog, options.runs(), SourceSettings.DEFAULTS)));
            }
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
            DrainFigures<ConnectorDrain.Result> figures = DrainFigures.dstream(endpoints, backlog, options.runs());
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

    /** The DStream's latency rows: every variant in a full run, the defaults alone as the source's reference. */
    private List<ConsumerSettings> latencyVariants() {
        if (!options.readers().dstream()) {
            return List.of(ConsumerSettings.DEFAULTS);
        }
        return List.of(ConsumerSettings.DEFAULTS,
                ConsumerSettings.idleTimeBetweenReads(Durations.milliseconds(200)),
                ConsumerSettings.idleTimeBetweenReads(Durations.milliseconds(1000)));
    }

    private void fastLatency(KinesisEndpoints endpoints, int streams) throws Exception {
        int stream = 0;
        for (ConsumerSettings settings : latencyVariants()) {
            List<ConnectorLatency.Result> results = new ArrayList<>();
            for (int run = 1; run <= options.runs(); run++) {
                results.add(latencyRun(endpoints, "latency-" + stream++, FAST_LATENCY_RATE, settings));
            }
            latencies.row(latencyRow("fast loopback", DSTREAM, FAST_LATENCY_RATE, settings.toString(), results));
        }
        if (options.readers().source()) {
            List<ConnectorLatency.Result> results = new ArrayList<>();
            for (int run = 1; run <= options.runs(); run++) {
                results.add(sourceLatencyRun(endpoints, "latency-" + stream++, FAST_LATENCY_RATE));
            }
            latencies.row(latencyRow("fast loopback", SOURCE, FAST_LATENCY_RATE, sourceLatencySettings(), results));
        }
        if (stream > streams) {
            throw new IllegalStateException("Used " + stream + " latency streams of " + streams);
        }
    }

    /**
     * Enhanced fan-out beside polling, same run, same rate: the fast loopback server polled directly, and the test
     * kit's fan-out server in front of it pushing to subscriptions (records put through it reach them at once).
     */
    private void fanOutLatency(LocalStack stack) throws Exception {
        int streams = 4 * options.runs();
        List<String> specs = new ArrayList<>();
        for (int run = 0; run < streams; run++) {
            specs.add(new Backlog("latency-" + run, LATENCY_SHARDS, 0, SMALL).fastServerSpec());
        }
        try (FastServerProcess server = FastServerProcess.start(specs);
                FanOutKinesisServer fanOut = FanOutKinesisServer.start(server.endpoint())) {
            KinesisEndpoints polled = new KinesisEndpoints(server.endpoint(), stack.dynamoDbEndpoint());
            KinesisEndpoints pushed = new KinesisEndpoints(fanOut.endpoint(), stack.dynamoDbEndpoint());
            int stream = 0;
            for (ConsumerSettings settings : List.of(ConsumerSettings.DEFAULTS,
                    ConsumerSettings.enhancedFanOut("benchmark-dstream"))) {
                KinesisEndpoints endpoints = settings.enhancedFanOutConsumerName() == null ? polled : pushed;
                List<ConnectorLatency.Result> results = new ArrayList<>();
                for (int run = 1; run <= options.runs(); run++) {
                    results.add(latencyRun(endpoints, "latency-" + stream++, FAST_LATENCY_RATE, settings));
                }
                latencies.row(latencyRow(serverName(endpoints == pushed), DSTREAM, FAST_LATENCY_RATE,
                        settings.toString(), results));
            }
            for (SourceSettings settings : List.of(SourceSettings.DEFAULTS, SourceSettings.DEFAULTS
                    .with("consumerMode", "efo").with("consumerName", "benchmark-source"))) {
                KinesisEndpoints endpoints = settings.options().isEmpty() ? polled : pushed;
                List<ConnectorLatency.Result> results = new ArrayList<>();
                for (int run = 1; run <= options.runs(); run++) {
                    results.add(sourceLatencyRun(endpoints, "latency-" + stream++, FAST_LATENCY_RATE, settings));
                }
                latencies.row(latencyRow(serverName(endpoints == pushed), SOURCE, FAST_LATENCY_RATE,
                        "1 s trigger, " + settings, results));
            }
        }
    }

    private static String serverName(boolean fanOut) {
        return fanOut ? "fast loopback + fan-out server" : "fast loopback";
    }

    /** The local stack's kinesis-mock: latency of both readers, and the source's first row. */
    private void mockStack(LocalStack stack) throws Exception {
        KinesisEndpoints endpoints = new KinesisEndpoints(stack.kinesisEndpoint(), stack.dynamoDbEndpoint());
        List<ConnectorLatency.Result> results = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            String stream = stack.streams().createUniqueStream("latency", LATENCY_SHARDS);
            results.add(latencyRun(endpoints, stream, MOCK_LATENCY_RATE, ConsumerSettings.DEFAULTS));
        }
        latencies.row(latencyRow("kinesis-mock", DSTREAM, MOCK_LATENCY_RATE, ConsumerSettings.DEFAULTS.toString(),
                results));
        if (!options.readers().source()) {
            return;
        }
        List<ConnectorLatency.Result> sourceResults = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            String stream = stack.streams().createUniqueStream("latency", LATENCY_SHARDS);
            sourceResults.add(sourceLatencyRun(endpoints, stream, MOCK_LATENCY_RATE));
        }
        latencies.row(latencyRow("kinesis-mock", SOURCE, MOCK_LATENCY_RATE, sourceLatencySettings(), sourceResults));

        String firstRowStream = stack.streams().createUniqueStream("first-row", FIRST_ROW_SHARDS);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < FIRST_ROW_SHARDS * FIRST_ROW_RECORDS_PER_SHARD; i++) {
            payloads.add(new byte[SMALL]);
        }
        stack.streams().putRecords(firstRowStream, payloads);
        firstRows.row(firstRowRow("kinesis-mock", FIRST_ROW_SHARDS + " shards, "
                + String.format("%,d", payloads.size()) + " × " + SMALL + " B in all", endpoints, firstRowStream));
    }

    private static ConnectorLatency.Result latencyRun(KinesisEndpoints endpoints, String stream, int rate,
            ConsumerSettings settings) throws Exception {
        double load = LoadAverage.sample();
        ConnectorLatency.Result result =
                ConnectorLatency.run(endpoints, stream, rate, SMALL, LATENCY_PRODUCE_FOR, settings);
        printLatency(DSTREAM, rate, settings.toString(), result, load);
        return result;
    }

    private static ConnectorLatency.Result sourceLatencyRun(KinesisEndpoints endpoints, String stream, int rate)
            throws Exception {
        return sourceLatencyRun(endpoints, stream, rate, SourceSettings.DEFAULTS);
    }

    private static ConnectorLatency.Result sourceLatencyRun(KinesisEndpoints endpoints, String stream, int rate,
            SourceSettings settings) throws Exception {
        double load = LoadAverage.sample();
        ConnectorLatency.Result result =
                SourceLatency.run(endpoints, stream, rate, SMALL, LATENCY_PRODUCE_FOR, settings);
        printLatency(SOURCE, rate, "1 s trigger, " + settings, result, load);
        return result;
    }

    private static String sourceLatencySettings() {
        return "1 s trigger, " + SourceSettings.DEFAULTS;
    }

    private static void printLatency(String reader, int rate, String settings, ConnectorLatency.Result result,
            double load) {
        System.out.printf("  %s latency at %d records/s (%s): p50 %d ms, p95 %d ms, p99 %d ms over %d records "
                + "(load %.2f)%n", reader, rate, settings, result.p50Millis(), result.p95Millis(), result.p99Millis(),
                result.samples(), load);
    }

    private static MarkdownTable latencyTable() {
        return new MarkdownTable("Latency, put to processed, 1 s batches or trigger (" + LATENCY_SHARDS + " shards, "
                + SMALL + " B records; median of runs, min–max in brackets)",
                "server", "reader", "records/s", "settings", "p50 ms", "p95 ms", "p99 ms", "records measured");
    }

    private static String[] latencyRow(String server, String reader, int rate, String settings,
            List<ConnectorLatency.Result> results) {
        return new String[] {server, reader,
                Figures.withRange(Summary.of(results, ConnectorLatency.Result::achievedRecordsPerSecond), 0),
                settings,
                Figures.withRange(Summary.of(results, ConnectorLatency.Result::p50Millis), 0),
                Figures.withRange(Summary.of(results, ConnectorLatency.Result::p95Millis), 0),
                Figures.withRange(Summary.of(results, ConnectorLatency.Result::p99Millis), 0),
                Figures.withRange(Summary.of(results, ConnectorLatency.Result::samples), 0)};
    }

    private String[] firstRowRow(String server, String description, KinesisEndpoints endpoints, String stream)
            throws Exception {
        List<SourceFirstRow.Result> results = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            double load = LoadAverage.sample();
            SourceFirstRow.Result result = SourceFirstRow.run(endpoints, stream, SourceSettings.DEFAULTS);
            System.out.printf("  first row on %s (%s) run %d: %s (load %.2f)%n", server, description, run, result,
                    load);
            results.add(result);
        }
        return new String[] {server, description,
                Figures.withRange(Summary.of(results, SourceFirstRow.Result::secondsToFirstCall), 2),
                Figures.withRange(Summary.of(results, SourceFirstRow.Result::secondsToFirstRecords), 2),
                Figures.withRange(Summary.of(results, SourceFirstRow.Result::secondsToFirstRow), 2),
                timings(Summary.of(results, r -> r.firstBatch().fetchSeconds()),
                        Summary.of(results, r -> r.firstBatch().batchSeconds()),
                        Summary.of(results, r -> r.firstBatch().otherSeconds()), 2)};
    }

    private void kinesisMockDrains() throws Exception {
        Backlog sourceBacklog = new Backlog("mock-small", 4, options.records(50_000), SMALL);
        List<Backlog> backlogs = !options.readers().dstream() ? List.of(sourceBacklog) : List.of(
                sourceBacklog,
                // kinesis-mock needs tens of seconds to answer four 10,000 × 1 KiB reads at once, longer than the
                // SDK's read timeout, so both sides read 1,000 records per call here.
                new Backlog("mock-large", 4, options.records(20_000), LARGE, ConsumerSettings.maxRecordsPerRead(1_000)),
                new Backlog("mock-one-shard", 1, options.records(50_000), SMALL));
        for (Backlog backlog : backlogs) {
            Path state = Files.createTempFile("kinesis-mock-" + backlog.name(), ".json");
            try {
                backlog.writeKinesisMockState(state);
                try (LocalStack stack = LocalStack.startWithKinesisState(state)) {
                    KinesisEndpoints endpoints =
                            new KinesisEndpoints(stack.kinesisEndpoint(), stack.dynamoDbEndpoint());
                    drains.row(drainRow("kinesis-mock", DrainFigures.dstream(endpoints, backlog, options.runs())));
                    if (options.readers().source() && backlog == sourceBacklog) {
                        sourceDrains.row(sourceDrainRow("kinesis-mock",
                                DrainFigures.source(endpoints, backlog, options.runs(), SourceSettings.DEFAULTS)));
                    }
                }
            } finally {
                Files.deleteIfExists(state);
            }
        }
    }

    private static String[] drainRow(String server, DrainFigures<ConnectorDrain.Result> figures) {
        List<String> cells = leadingDrainCells(server, figures);
        cells.add(Figures.withRange(figures.connector(DrainRun::cpuSecondsPerMillionRecords), 1));
        cells.add(Figures.withRange(figures.connector(r -> r.peakHeapBytes() / (1024.0 * 1024.0)), 0));
        cells.add(Figures.withRange(figures.connector(DrainRun::secondsToFirstRecord), 1));
        return cells.toArray(new String[0]);
    }

    private static String[] sourceDrainRow(String server, DrainFigures<SourceDrain.Result> figures) {
        List<String> cells = leadingDrainCells(server, figures);
        cells.add(Figures.withRange(figures.pacedPlain(), 0));
        cells.add(Figures.withRange(figures.pacedRatio(), 2));
        cells.add(Figures.withRange(figures.connector(SourceDrain.Result::fetchRecordsPerSecond), 0));
        cells.add(Figures.withRange(figures.connector(DrainRun::cpuSecondsPerMillionRecords), 1));
        cells.add(Figures.withRange(figures.connector(r -> r.peakHeapBytes() / (1024.0 * 1024.0)), 0));
        cells.add(Figures.withRange(figures.connector(DrainRun::secondsToFirstRecord), 1));
        cells.add(Figures.withRange(figures.connector(r -> r.timings().batches()), 0));
        cells.add(timings(figures.connector(r -> r.timings().fetchSeconds()),
                figures.connector(r -> r.timings().batchSeconds()),
                figures.connector(r -> r.timings().otherSeconds()), 1));
        return cells.toArray(new String[0]);
    }

    /** Server, backlog, rate, MiB/s, plain loop and ratio: the cells every drain table starts with. */
    private static <R extends DrainRun> List<String> leadingDrainCells(String server, DrainFigures<R> figures) {
        Backlog backlog = figures.backlog();
        return new ArrayList<>(List.of(server, backlog.describe(),
                Figures.withRange(figures.recordsPerSecond(), 0),
                Figures.withRange(figures.connector(r -> r.mebibytesPerSecond(backlog.recordBytes())), 1),
                Figures.withRange(figures.plain(), 0),
                Figures.withRange(figures.ratio(), 2)));
    }

    /** Medians of the three parts of a query's timings ({@code QueryTimings}), e.g. {@code 1.9 / 0.8 / 0.2}. */
    private static String timings(Summary fetch, Summary batches, Summary other, int decimals) {
        return Figures.number(fetch.median(), decimals) + " / " + Figures.number(batches.median(), decimals) + " / "
                + Figures.number(other.median(), decimals);
    }

    private void writeReport(Duration took) throws Exception {
        Files.createDirectories(options.output());
        StringBuilder report = new StringBuilder("## Results\n\n")
                .append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(", ").append(options.runs()).append(" run(s) per figure")
                .append(options.readers() == BenchmarkOptions.Readers.ALL ? ""
                        : ", readers: " + options.readers().name().toLowerCase(Locale.ROOT))
                .append("; one-minute load average ").append(LoadAverage.range())
                .append(" at the starts of the runs; the harness took ").append(took.toMinutes())
                .append(" min.\n\n");
        if (options.readers() != BenchmarkOptions.Readers.SINK) {
            if (options.readers() != BenchmarkOptions.Readers.EFO) {
                report.append(drains.toMarkdown());
            }
            scalingTables.forEach(table -> report.append(table.toMarkdown()));
            if (options.readers().source()) {
                report.append(sourceDrains.toMarkdown());
                report.append(firstRows.toMarkdown());
            }
            report.append(latencies.toMarkdown());
        }
        if (options.readers().sink()) {
            report.append(sinkWrites.toMarkdown());
        }
        if (!scaling.isEmpty()) {
            report.append("![Drain rate by shard count](scaling.png)\n");
        }
        Files.writeString(options.output().resolve(options.reportFile()), report, StandardCharsets.UTF_8);
        if (!scaling.isEmpty()) {
            ScalingChart.write(options.output().resolve("scaling.png"),
                    "Backlog drain rate by shard count (fast loopback server)", scaling);
        }
        System.out.println();
        System.out.println(report);
        System.out.println("Written to " + options.output().resolve(options.reportFile()).toAbsolutePath());
    }
}
