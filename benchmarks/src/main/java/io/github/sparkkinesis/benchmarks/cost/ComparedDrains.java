package io.github.sparkkinesis.benchmarks.cost;

import io.github.sparkkinesis.benchmarks.compare.ChildClassPath;
import io.github.sparkkinesis.benchmarks.compare.ChildEnvironment;
import io.github.sparkkinesis.benchmarks.compare.ForkedRun;
import io.github.sparkkinesis.benchmarks.compare.PeerConnector;
import io.github.sparkkinesis.benchmarks.measure.ForkedConnectorRun;
import io.github.sparkkinesis.benchmarks.measure.ForkedDrain;
import io.github.sparkkinesis.benchmarks.measure.LoadAverage;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link DrainCostHarness --compare-with}: drains the same backlog with our connector and with another implementation
 * of Spark's connector API, alternately (ours, theirs, ours...), each run a {@link ForkedConnectorRun} in a child JVM
 * of its own whose class path holds either connector ({@link ChildClassPath}), and with {@code --profile DIR} records
 * each child's JFR profile, cut to its drain, into {@code DIR/ours-RUN.jfr} and {@code DIR/theirs-RUN.jfr} for
 * {@link JfrBreakdown}.
 */
final class ComparedDrains {

    // Spark's connector reads its first record 80-105 s after start; the drain itself takes seconds.
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(15);

    private final CostOptions options;
    private final PeerConnector peer;

    ComparedDrains(CostOptions options) {
        this.options = options;
        this.peer = options.peer();
    }

    void run(URI kinesis, URI dynamoDb, String stream, long records) throws Exception {
        ChildClassPath classPaths = ChildClassPath.ofThisHarness();
        Map<String, String> sides = new LinkedHashMap<>();
        sides.put("ours", classPaths.ourSide());
        sides.put("theirs", classPaths.otherSide(peer.jar(), peer.dependencies()));
        for (int run = 1; run <= options.runs(); run++) {
            for (Map.Entry<String, String> side : sides.entrySet()) {
                String name = side.getKey() + "-" + run;
                List<String> recording = options.profile() == null ? List.of()
                        : ProfileWindow.recordingOptions(options.profile().resolve(name + ".jfr"));
                double load = LoadAverage.sample();
                ForkedDrain result = ForkedDrain.of(ForkedRun.run(side.getValue(), recording,
                        List.of("drain", kinesis.toString(), stream, Long.toString(records),
                                Long.toString(DRAIN_TIMEOUT.toSeconds())),
                        ChildEnvironment.of(dynamoDb), CHILD_TIMEOUT, "cost-" + name));
                System.out.println(String.format(Locale.ROOT,
                        "%s run %d: %.2f CPU s per 1M records, %,.0f records/s, first record after %.1f s, load %.2f",
                        side.getKey(), run, result.drain().cpuSecondsPerMillionRecords(),
                        result.drain().recordsPerSecond(), result.drain().secondsToFirstRecord(), load));
            }
        }
    }
}
