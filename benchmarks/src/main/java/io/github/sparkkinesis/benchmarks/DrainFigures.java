package io.github.sparkkinesis.benchmarks;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import io.github.sparkkinesis.benchmarks.measure.ConnectorDrain;
import io.github.sparkkinesis.benchmarks.measure.PlainReadLoop;
import io.github.sparkkinesis.benchmarks.measure.Summary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Repeated drains of one backlog by the connector and by a plain read loop, summarised. */
record DrainFigures(Backlog backlog, List<ConnectorDrain.Result> connector, List<Double> plainRecordsPerSecond) {

    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

    static DrainFigures measure(KinesisEndpoints endpoints, Backlog backlog, int runs) throws Exception {
        List<ConnectorDrain.Result> connector = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            ConnectorDrain.Result result = ConnectorDrain.run(endpoints, backlog.name(), backlog.records(),
                    backlog.consumer(), DRAIN_TIMEOUT);
            connector.add(result);
            double ceiling = PlainReadLoop.recordsPerSecond(endpoints, backlog.name(), backlog.records(),
                    backlog.consumer().recordsPerRead());
            plain.add(ceiling);
            System.out.printf("  %s run %d: connector %,.0f records/s (first record after %.1f s), "
                    + "plain read loop %,.0f records/s%n", backlog.describe(), run, result.recordsPerSecond(),
                    result.secondsToFirstRecord(), ceiling);
        }
        return new DrainFigures(backlog, connector, plain);
    }

    Summary connector(ToDoubleFunction<ConnectorDrain.Result> figure) {
        return Summary.of(connector, figure);
    }

    Summary recordsPerSecond() {
        return connector(ConnectorDrain.Result::recordsPerSecond);
    }

    Summary plain() {
        return Summary.of(plainRecordsPerSecond);
    }

    /** Each run's connector rate over the same run's plain-loop rate. */
    Summary ratio() {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < connector.size(); i++) {
            ratios.add(connector.get(i).recordsPerSecond() / plainRecordsPerSecond.get(i));
        }
        return Summary.of(ratios);
    }
}
