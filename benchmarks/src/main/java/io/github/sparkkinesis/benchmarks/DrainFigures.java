package io.github.sparkkinesis.benchmarks;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import io.github.sparkkinesis.benchmarks.measure.ConnectorDrain;
import io.github.sparkkinesis.benchmarks.measure.DrainRun;
import io.github.sparkkinesis.benchmarks.measure.LoadAverage;
import io.github.sparkkinesis.benchmarks.measure.PlainReadLoop;
import io.github.sparkkinesis.benchmarks.measure.SourceDrain;
import io.github.sparkkinesis.benchmarks.measure.SourceSettings;
import io.github.sparkkinesis.benchmarks.measure.Summary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Repeated drains of one backlog by a reader (the DStream or the Structured Streaming source) and by a plain read
 * loop right after each, summarised. For the source, also by a plain loop that keeps Kinesis's 2 MiB/s per shard,
 * as the source does (empty otherwise).
 */
record DrainFigures<R extends DrainRun>(Backlog backlog, List<R> connector, List<Double> plainRecordsPerSecond,
        List<Double> pacedPlainRecordsPerSecond) {

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

    /** One drain of a backlog by the reader measured. */
    @FunctionalInterface
    interface Drainer<R extends DrainRun> {
        R drain(KinesisEndpoints endpoints, Backlog backlog) throws Exception;
    }

    /** The DStream connector, with the backlog's consumer settings. */
    static DrainFigures<ConnectorDrain.Result> dstream(KinesisEndpoints endpoints, Backlog backlog, int runs)
            throws Exception {
        return measure(endpoints, backlog, runs, "connector", false, (e, b) -> ConnectorDrain.run(e, b.name(),
                b.records(), b.consumer(), DRAIN_TIMEOUT));
    }

    /** The Structured Streaming source with {@code Trigger.AvailableNow}. */
    static DrainFigures<SourceDrain.Result> source(KinesisEndpoints endpoints, Backlog backlog, int runs,
            SourceSettings settings) throws Exception {
        return measure(endpoints, backlog, runs, "readStream", true, (e, b) -> SourceDrain.run(e, b.name(),
                b.records(), settings, DRAIN_TIMEOUT));
    }

    private static <R extends DrainRun> DrainFigures<R> measure(KinesisEndpoints endpoints, Backlog backlog,
            int runs, String reader, boolean atKinesisLimits, Drainer<R> drainer) throws Exception {
        List<R> connector = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> paced = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            double load = LoadAverage.sample();
            R result = drainer.drain(endpoints, backlog);
            connector.add(result);
            double ceiling = PlainReadLoop.recordsPerSecond(endpoints, backlog.name(), backlog.records(),
                    backlog.consumer().recordsPerRead());
            plain.add(ceiling);
            String pacedFigure = "";
            if (atKinesisLimits) {
                double limited = PlainReadLoop.recordsPerSecondAtKinesisLimits(endpoints, backlog.name(),
                        backlog.records(), backlog.consumer().recordsPerRead());
                paced.add(limited);
                pacedFigure = String.format(", at 2 MiB/s per shard %,.0f records/s", limited);
            }
            System.out.printf("  %s run %d: %s %,.0f records/s (first record after %.1f s), "
                    + "plain read loop %,.0f records/s%s (load %.2f); %s%n", backlog.describe(), run, reader,
                    result.recordsPerSecond(), result.secondsToFirstRecord(), ceiling, pacedFigure, load, result);
        }
        return new DrainFigures<>(backlog, connector, plain, paced);
    }

    Summary connector(ToDoubleFunction<R> figure) {
        return Summary.of(connector, figure);
    }

    Summary recordsPerSecond() {
        return connector(DrainRun::recordsPerSecond);
    }

    Summary plain() {
        return Summary.of(plainRecordsPerSecond);
    }

    /** The plain loop at Kinesis's 2 MiB/s per shard (source drains only). */
    Summary pacedPlain() {
        return Summary.of(pacedPlainRecordsPerSecond);
    }

    /** Each run's reader rate over the same run's plain-loop rate. */
    Summary ratio() {
        return ratio(plainRecordsPerSecond);
    }

    /** Each run's reader rate over the same run's rate of the plain loop at 2 MiB/s per shard. */
    Summary pacedRatio() {
        return ratio(pacedPlainRecordsPerSecond);
    }

    private Summary ratio(List<Double> plainRates) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < connector.size(); i++) {
            ratios.add(connector.get(i).recordsPerSecond() / plainRates.get(i));
        }
        return Summary.of(ratios);
    }
}
