package io.github.sparkkinesis.benchmarks.cost;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import io.github.sparkkinesis.benchmarks.measure.BenchmarkSpark;
import io.github.sparkkinesis.benchmarks.measure.ConnectorDrain;
import io.github.sparkkinesis.benchmarks.measure.ConsumerSettings;
import io.github.sparkkinesis.benchmarks.measure.ReceiveClock;
import io.github.sparkkinesis.benchmarks.measure.ResultLine;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.kinesis.KinesisInputDStream;

/**
 * One drain in a JVM of its own, started by {@link DrainCostHarness}: drains the stream with the DStream at its
 * defaults and prints one {@link ResultLine} with the figures. Arguments: the Kinesis endpoint, the DynamoDB
 * endpoint, the stream, the records to expect, and optionally a stream and its records to drain first, unmeasured
 * (JIT warm-up). A variant sets Spark's configuration through {@code -Dspark.*}
 * system properties (SparkConf reads them) and the DStream's storage level through {@value #STORAGE_LEVEL}.
 */
public final class DrainChild {

    /** System property: the DStream's storage level by Spark's name, e.g. {@code MEMORY_ONLY_SER}. */
    static final String STORAGE_LEVEL = "benchmark.storageLevel";
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private DrainChild() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 6) {
            throw new IllegalArgumentException("Arguments: KINESIS_URL DYNAMODB_URL STREAM RECORDS "
                    + "[WARM_UP_STREAM WARM_UP_RECORDS]");
        }
        KinesisEndpoints endpoints = new KinesisEndpoints(URI.create(args[0]), URI.create(args[1]));
        String level = System.getProperty(STORAGE_LEVEL);
        try {
            BenchmarkSpark.context();
            if (args.length == 6) {
                // An unmeasured drain first: the measured one then runs compiled code, as a long-running job does.
                ConnectorDrain.run(endpoints, args[4], Long.parseLong(args[5]), ConsumerSettings.DEFAULTS,
                        builder -> withStorageLevel(builder, level), TIMEOUT);
            }
            ReceiveClock.reset();
            FirstRecordWatch watch = FirstRecordWatch.start();
            ConnectorDrain.Result result = ConnectorDrain.run(endpoints, args[2], Long.parseLong(args[3]),
                    ConsumerSettings.DEFAULTS,
                    builder -> withStorageLevel(builder, level),
                    TIMEOUT);
            ThreadGroupCpu end = ThreadGroupCpu.now();
            ThreadGroupCpu first = watch.cpuAtFirstRecord();
            ProfileWindow.write(watch.firstRecordAt());
            Map<String, String> figures = new LinkedHashMap<>();
            figures.put("records", Long.toString(result.records()));
            figures.put("seconds", decimal(result.seconds()));
            figures.put("cpuSeconds", decimal(result.cpuSeconds()));
            figures.put("peakHeap", Long.toString(result.peakHeapBytes()));
            figures.put("firstRecord", decimal(result.secondsToFirstRecord()));
            figures.put("gcCpu", decimal(end.gcNanosSince(first) / 1e9));
            figures.put("jitCpu", decimal(end.compilerNanosSince(first) / 1e9));
            figures.put("threadCpu", decimal(end.processNanosSince(first) / 1e9));
            System.out.println(ResultLine.format(figures));
        } finally {
            BenchmarkSpark.stop();
        }
        System.exit(0);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static KinesisInputDStream.Builder withStorageLevel(KinesisInputDStream.Builder builder, String level) {
        return level == null ? builder : builder.storageLevel(StorageLevel.fromString(level));
    }
}
