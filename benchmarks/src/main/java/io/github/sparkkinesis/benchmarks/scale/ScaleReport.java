package io.github.sparkkinesis.benchmarks.scale;

import io.github.sparkkinesis.benchmarks.report.Figures;
import io.github.sparkkinesis.benchmarks.report.MarkdownTable;
import java.util.List;

/** The scale harness's Markdown tables. */
final class ScaleReport {

    private ScaleReport() {
    }

    static String dstreamTable(List<ScaleResult> results) {
        MarkdownTable table = new MarkdownTable("DStream on the standalone cluster (2 workers, one executor of "
                + ScaleEnvironment.EXECUTOR_MEMORY + " each), every shard behind; defaults unless noted",
                "shards", "receivers", "every shard read after s", "records/s", "MiB/s", "CPU s per 1M records",
                "live heap after full GC, peak MiB (one executor)", "heap in use before GC, peak MiB",
                "RSS peak MiB (one executor)", "Spark block storage peak MiB (all)", "DynamoDB requests/s",
                "per shard", "throttled control-plane calls", "throttled GetRecords", "leases lost", "load");
        for (ScaleResult result : results) {
            table.row(Integer.toString(result.shards()), receivers(result), allRead(result),
                    Figures.number(result.recordsPerSecond(), 0),
                    Figures.number(result.recordsPerSecond() * ScaleEnvironment.RECORD_BYTES / ScaleResult.MIB, 1),
                    Figures.number(result.cpuSecondsPerMillionRecords(), 1),
                    mib(result.heap().peakLiveBytes()), mib(result.heap().peakBeforeGcBytes()),
                    mib(result.peakRssBytesPerExecutor()), mib(result.peakStorageBytes()),
                    Figures.number(result.dynamoDb().total(), 1),
                    Figures.number(result.dynamoDb().total() / result.shards(), 3),
                    Long.toString(result.throttled().controlPlane()), Long.toString(result.throttled().getRecords()),
                    Long.toString(result.leasesLost()), Figures.number(result.loadAverage(), 2));
        }
        return table.toMarkdown();
    }

    static String dynamoDbTable(List<ScaleResult> results) {
        MarkdownTable table = new MarkdownTable("DynamoDB requests per second by operation over the steady window "
                + "(lease table, worker metrics and leader lock; all through the counting proxy)",
                "shards", "receivers", "requests/s by operation");
        for (ScaleResult result : results) {
            table.row(Integer.toString(result.shards()), receivers(result), result.dynamoDb().toString());
        }
        return table.toMarkdown();
    }

    static String kinesisTable(List<ScaleResult> results) {
        MarkdownTable table = new MarkdownTable("Kinesis control-plane calls from start() to the end of the window "
                + "(the fast server's count; Kinesis allows ListShards 1,000/s per stream, DescribeStreamSummary 20/s "
                + "per account, GetShardIterator 5/s per shard)", "reader", "shards", "receivers", "calls",
                "throttled");
        for (ScaleResult result : results) {
            table.row(result.reader(), Integer.toString(result.shards()), receivers(result),
                    result.kinesisCalls().controlPlaneCalls(), result.throttled().controlPlaneCalls());
        }
        return table.toMarkdown();
    }

    static String drainTable(List<ScaleResult> results, double plainLoop, int shards) {
        MarkdownTable table = new MarkdownTable("Whole backlog drained at " + shards + " shards, against a plain "
                + "GetRecords loop on the same limit-enforcing server (one thread per shard, 5 calls and 2 MiB/s per "
                + "shard)", "reader", "records/s", "plain loop records/s", "reader / plain");
        table.row("plain read loop", Figures.number(plainLoop, 0), Figures.number(plainLoop, 0), "1.00");
        for (ScaleResult result : results) {
            if (result.shards() == shards && !Double.isNaN(result.drainRecordsPerSecond())) {
                table.row("DStream, " + receivers(result), Figures.number(result.drainRecordsPerSecond(), 0),
                        Figures.number(plainLoop, 0), Figures.number(result.drainRecordsPerSecond() / plainLoop, 2));
            }
        }
        return table.toMarkdown();
    }

    static String sourceTable(List<ScaleResult> results) {
        MarkdownTable table = new MarkdownTable("Structured Streaming source on the standalone cluster (defaults, "
                + "1 s processing-time trigger, noop sink), every shard behind; planning = latestOffset + getBatch + "
                + "queryPlanning per micro-batch less the fetch job run within latestOffset, the first batch left out",
                "shards", "every shard read after s", "records/s", "CPU s per 1M records", "planning p50 ms",
                "p95 ms", "max ms", "latestOffset / getBatch / queryPlanning p50 ms", "fetch job p50 ms", "batches",
                "live heap after full GC, peak MiB (one executor)", "throttled control-plane calls",
                "throttled GetRecords", "load");
        for (ScaleResult result : results) {
            PlanningTimes planning = result.planning();
            table.row(Integer.toString(result.shards()), allRead(result),
                    Figures.number(result.recordsPerSecond(), 0),
                    Figures.number(result.cpuSecondsPerMillionRecords(), 1),
                    Long.toString(planning.p50Millis()), Long.toString(planning.p95Millis()),
                    Long.toString(planning.maxMillis()), planning.latestOffsetP50Millis() + " / "
                            + planning.getBatchP50Millis() + " / " + planning.queryPlanningP50Millis(),
                    Long.toString(planning.fetchP50Millis()), Integer.toString(planning.batches()),
                    mib(result.heap().peakLiveBytes()),
                    Long.toString(result.throttled().controlPlane()), Long.toString(result.throttled().getRecords()),
                    Figures.number(result.loadAverage(), 2));
        }
        return table.toMarkdown();
    }

    private static String receivers(ScaleResult result) {
        return result.receivers() + result.settings().describe();
    }

    private static String allRead(ScaleResult result) {
        return Double.isNaN(result.secondsToAllRead())
                ? "not within " + DStreamScaleRun.ALL_READ_TIMEOUT.toSeconds() + " s (" + result.shardsRead() + " read)"
                : Figures.number(result.secondsToAllRead(), 1);
    }

    private static String mib(long bytes) {
        return Figures.number(bytes / ScaleResult.MIB, 0);
    }
}
