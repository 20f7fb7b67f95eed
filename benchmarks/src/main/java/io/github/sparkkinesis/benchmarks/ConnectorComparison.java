package io.github.sparkkinesis.benchmarks;

import io.github.sparkkinesis.benchmarks.backend.FastServerProcess;
import io.github.sparkkinesis.benchmarks.compare.ChildClassPath;
import io.github.sparkkinesis.benchmarks.compare.ChildEnvironment;
import io.github.sparkkinesis.benchmarks.compare.ForkedRun;
import io.github.sparkkinesis.benchmarks.compare.PeerConnector;
import io.github.sparkkinesis.benchmarks.compare.SideBySideRows;
import io.github.sparkkinesis.benchmarks.measure.ConnectorLatency;
import io.github.sparkkinesis.benchmarks.measure.ForkedConnectorRun;
import io.github.sparkkinesis.benchmarks.measure.ForkedDrain;
import io.github.sparkkinesis.benchmarks.measure.LoadAverage;
import io.github.sparkkinesis.benchmarks.report.MarkdownTable;
import io.github.sparkkinesis.localstack.LocalStack;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Our DStream connector side by side with another implementation of Spark's connector API given as a jar (Spark's
 * own, {@code spark-streaming-kinesis-asl}): the same driver ({@link ForkedConnectorRun}, written against the API
 * both share) drains the same backlogs and measures the same latency, each run in a child JVM of its own with the
 * same JVM flags, {@code local[4]} and one-second batches, whose class path holds Spark and EITHER connector
 * ({@link ChildClassPath}); the runs alternate, ours then theirs, so that both see the same machine load.
 *
 * <p>Servers: the fast loopback server (HTTP/1.1 and h2c on one port), and kinesis-mock behind the local stack's
 * fan-out server for both sides (the KCL 2 client of Spark's connector speaks only HTTP/2, which kinesis-mock's plain
 * port does not; the fan-out server passes every call on). DynamoDB is the local stack's dynalite, given to both
 * through the SDK's {@code AWS_ENDPOINT_URL_DYNAMODB}; metrics are off, and CloudWatch's endpoint variable points at
 * a closed loopback port so that nothing could reach AWS.
 */
final class ConnectorComparison {

    private static final int SMALL = 100;
    private static final int LARGE = 1024;
    private static final int LATENCY_SHARDS = 4;
    private static final int FAST_LATENCY_RATE = 1_000;
    // kinesis-mock's PutRecords slows down as shards fill; this rate it sustains for the whole run.
    private static final int MOCK_LATENCY_RATE = 200;
    private static final Duration LATENCY_PRODUCE_FOR = Duration.ofSeconds(20);
    // Spark's connector reads its first record 80-105 s after start; the drain itself takes seconds.
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(8);
    private static final String FAST = "fast loopback";
    private static final String MOCK = "kinesis-mock (behind the fan-out server)";
    private static final String OURS = "ours";
    private static final String THEIRS = "theirs";

    private final BenchmarkOptions options;
    private final PeerConnector peer;
    private final MarkdownTable drains;
    private final MarkdownTable latencies;
    private List<Side> sides;

    /** A connector under test: its name in the tables and its child JVMs' class path. */
    private record Side(String name, String classPath) {
    }

    ConnectorComparison(BenchmarkOptions options) {
        this.options = options;
        this.peer = options.peer();
        this.drains = new MarkdownTable("Backlog drain, ours against " + peer.jar().getFileName()
                + " (median of runs, min–max in brackets; ratios ours / theirs per run pair)",
                Stream.concat(Stream.of("server", "backlog"), Stream.of(SideBySideRows.DRAIN_HEADERS))
                        .toArray(String[]::new));
        this.latencies = new MarkdownTable("Put-to-processed latency at a steady rate, " + LATENCY_SHARDS
                + " shards, " + SMALL + " B records, after the first record and a 3 s warm-up",
                Stream.concat(Stream.of("server", "rate"), Stream.of(SideBySideRows.LATENCY_HEADERS))
                        .toArray(String[]::new));
    }

    void run() throws Exception {
        long start = System.nanoTime();
        ChildClassPath classPaths = ChildClassPath.ofThisHarness();
        sides = List.of(new Side(OURS, classPaths.ourSide()),
                new Side(THEIRS, classPaths.otherSide(peer.jar(), peer.dependencies())));
        // kinesis-mock first: its runs are the likelier to fail, and should do so early.
        mockDrains();
        try (LocalStack stack = LocalStack.start()) {
            mockLatency(stack);
            fastServer(stack);
        }
        writeReport(Duration.ofNanos(System.nanoTime() - start));
    }

    private List<Backlog> fastBacklogs() {
        return List.of(new Backlog("compare-1-small", 1, options.records(100_000), SMALL),
                new Backlog("compare-1-large", 1, options.records(50_000), LARGE),
                new Backlog("compare-4-small", 4, options.records(100_000), SMALL),
                new Backlog("compare-4-large", 4, options.records(50_000), LARGE));
    }

    /** kinesis-mock answers slowly (a 5 MiB GetRecords takes seconds): smaller backlogs, the same shapes. */
    private List<Backlog> mockBacklogs() {
        return List.of(new Backlog("compare-mock-1-small", 1, options.records(20_000), SMALL),
                new Backlog("compare-mock-1-large", 1, options.records(5_000), LARGE),
                new Backlog("compare-mock-4-small", 4, options.records(20_000), SMALL),
                new Backlog("compare-mock-4-large", 4, options.records(2_500), LARGE));
    }

    private void fastServer(LocalStack stack) throws Exception {
        List<String> specs = new ArrayList<>();
        fastBacklogs().forEach(backlog -> specs.add(backlog.fastServerSpec()));
        List<String> latencyStreams = latencyStreamNames("fast");
        latencyStreams.forEach(name -> specs.add(new Backlog(name, LATENCY_SHARDS, 0, SMALL).fastServerSpec()));
        System.out.println("Starting the fast Kinesis server with " + specs);
        try (FastServerProcess server = FastServerProcess.start(specs)) {
            Map<String, String> environment = ChildEnvironment.of(stack.dynamoDbEndpoint());
            for (Backlog backlog : fastBacklogs()) {
                drain(FAST, "fast", server.endpoint(), environment, backlog);
            }
            latency(FAST, "fast", server.endpoint(), environment, latencyStreams, FAST_LATENCY_RATE);
        }
    }

    private void mockLatency(LocalStack stack) throws Exception {
        List<String> streams = latencyStreamNames("mock");
        for (String stream : streams) {
            stack.streams().createStream(stream, LATENCY_SHARDS);
        }
        latency(MOCK, "mock", stack.enhancedFanOut().endpoint(), ChildEnvironment.of(stack.dynamoDbEndpoint()),
                streams, MOCK_LATENCY_RATE);
    }

    private void mockDrains() throws Exception {
        for (Backlog backlog : mockBacklogs()) {
            Path state = Files.createTempFile("kinesis-mock-" + backlog.name(), ".json");
            try {
                backlog.writeKinesisMockState(state);
                try (LocalStack stack = LocalStack.startWithKinesisState(state)) {
                    drain(MOCK, "mock", stack.enhancedFanOut().endpoint(),
                            ChildEnvironment.of(stack.dynamoDbEndpoint()), backlog);
                }
            } finally {
                Files.deleteIfExists(state);
            }
        }
    }

    /** One empty stream per latency run of each side: a new application reads from the stream's start. */
    private List<String> latencyStreamNames(String server) {
        List<String> names = new ArrayList<>();
        for (int run = 1; run <= options.runs(); run++) {
            for (String side : List.of(OURS, THEIRS)) {
                names.add("compare-latency-" + server + "-" + side + "-" + run);
            }
        }
        return names;
    }

    private void drain(String server, String serverTag, URI kinesis, Map<String, String> environment,
            Backlog backlog) throws Exception {
        Map<String, List<ForkedDrain>> runs = pairedRuns(side -> {
            ForkedDrain result = ForkedDrain.of(ForkedRun.run(side.classPath(), List.of(),
                    List.of("drain", kinesis.toString(), backlog.name(), Long.toString(backlog.records()),
                            Long.toString(DRAIN_TIMEOUT.toSeconds())),
                    environment, CHILD_TIMEOUT, side.name() + "-" + serverTag + "-" + backlog.name()));
            System.out.printf("  %s %s, %s: %,.0f records/s, %.1f CPU s per 1M, first record after %.1f s, "
                    + "shards' first records after the first %s s, peak heap %,d MiB%n", server,
                    backlog.describe(), side.name(), result.drain().recordsPerSecond(),
                    result.drain().cpuSecondsPerMillionRecords(), result.drain().secondsToFirstRecord(),
                    result.shardStartSeconds(), result.drain().peakHeapBytes() >> 20);
            return result;
        });
        if (runs.get(OURS).isEmpty()) {
            drains.row(failedRow(server, backlog.describe(), SideBySideRows.DRAIN_HEADERS.length));
        } else {
            SideBySideRows.drain(server, backlog.describe(), THEIRS, runs.get(OURS), runs.get(THEIRS))
                    .forEach(drains::row);
        }
    }

    private void latency(String server, String serverTag, URI kinesis, Map<String, String> environment,
            List<String> streams, int rate) throws Exception {
        Iterator<String> stream = streams.iterator();
        Map<String, List<ConnectorLatency.Result>> runs = pairedRuns(side -> {
            ConnectorLatency.Result result = ConnectorLatency.Result.of(ForkedRun.run(side.classPath(), List.of(),
                    List.of("latency", kinesis.toString(), stream.next(), Integer.toString(rate),
                            Integer.toString(SMALL), Long.toString(LATENCY_PRODUCE_FOR.toSeconds())),
                    environment, CHILD_TIMEOUT, side.name() + "-" + serverTag + "-latency"));
            System.out.printf("  %s latency, %s: %s%n", server, side.name(), result);
            return result;
        });
        String workload = String.format("%,d records/s", rate);
        if (runs.get(OURS).isEmpty()) {
            latencies.row(failedRow(server, workload, SideBySideRows.LATENCY_HEADERS.length));
        } else {
            SideBySideRows.latency(server, workload, THEIRS, runs.get(OURS), runs.get(THEIRS))
                    .forEach(latencies::row);
        }
    }

    /** One measurement of one side, in a child JVM. */
    @FunctionalInterface
    private interface Measurement<R> {
        R run(Side side) throws Exception;
    }

    /**
     * The runs of both sides, interleaved (ours, theirs, ours, theirs...), keeping the pairs both sides completed: a
     * failed run is reported and its pair left out, so that one failure does not cost the whole comparison.
     */
    private <R> Map<String, List<R>> pairedRuns(Measurement<R> measurement) throws InterruptedException {
        Map<String, List<R>> runs = new LinkedHashMap<>();
        sides.forEach(side -> runs.put(side.name(), new ArrayList<>()));
        for (int run = 1; run <= options.runs(); run++) {
            List<R> pair = new ArrayList<>();
            for (Side side : sides) {
                System.out.printf("  run %d, %s (load %.2f)%n", run, side.name(), LoadAverage.sample());
                try {
                    pair.add(measurement.run(side));
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    System.out.println("  run " + run + " of " + side.name() + " failed, its pair is left out: "
                            + e.getMessage());
                }
            }
            if (pair.size() == sides.size()) {
                for (int i = 0; i < sides.size(); i++) {
                    runs.get(sides.get(i).name()).add(pair.get(i));
                }
            }
        }
        return runs;
    }

    private static String[] failedRow(String server, String workload, int columns) {
        String[] row = new String[2 + columns];
        Arrays.fill(row, "–");
        row[0] = server;
        row[1] = workload;
        row[2] = "no run pair completed (see the harness's output)";
        return row;
    }

    private void writeReport(Duration took) throws Exception {
        Files.createDirectories(options.output());
        StringBuilder report = new StringBuilder("## Side by side with ").append(peer.jar().getFileName())
                .append("\n\nMeasured ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(", ").append(options.runs()).append(" run(s) per figure and side, interleaved (ours, theirs, "
                        + "ours, theirs...), each in a child JVM with the harness's JVM flags, local[4], 1 s batches")
                .append("; one-minute load average ").append(LoadAverage.range())
                .append(" at the starts of the runs; the comparison took ").append(took.toMinutes())
                .append(" min. \"theirs\" is ").append(peer.jar().getFileName()).append(" with the dependencies of ")
                .append(peer.classPathFile() != null ? peer.classPathFile().getFileName() : "the pom.xml next to it")
                .append(".\n\n")
                .append(drains.toMarkdown())
                .append(latencies.toMarkdown());
        Path file = options.output().resolve(options.reportFile());
        Files.writeString(file, report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
        System.out.println("Written to " + file.toAbsolutePath());
    }
}
