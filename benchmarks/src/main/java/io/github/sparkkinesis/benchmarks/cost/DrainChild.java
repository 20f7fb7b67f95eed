package io.github.sparkkinesis.benchmarks.cost;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import io.github.sparkkinesis.benchmarks.measure.BenchmarkSpark;
import io.github.sparkkinesis.benchmarks.measure.ConnectorDrain;
import io.github.sparkkinesis.benchmarks.measure.ConsumerSettings;
import io.github.sparkkinesis.benchmarks.measure.ReceiveClock;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.kinesis.KinesisInputDStream;

/**
 * One drain in a JVM of its own, started by {@link DrainCostHarness}: drains the stream with the DStream at its
 * defaults and prints one {@value #RESULT} line with the figures. Arguments: the Kinesis endpoint, the DynamoDB
 * endpoint, the stream, the records to expect, and optionally a stream and its records to drain first, unmeasured
 * (JIT warm-up). A variant sets Spark's configuration through {@code -Dspark.*}
 * system properties (SparkConf reads them) and the DStream's storage level through {@value #STORAGE_LEVEL}.
 */
public final class DrainChild {

    static final String RESULT = "DRAIN-RESULT ";
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
            System.out.println(RESULT + String.format(Locale.ROOT,
                    "records=%d seconds=%.4f cpuSeconds=%.4f peakHeap=%d firstRecord=%.3f gcCpu=%.4f jitCpu=%.4f "
                            + "threadCpu=%.4f",
                    result.records(), result.seconds(), result.cpuSeconds(), result.peakHeapBytes(),
                    result.secondsToFirstRecord(), end.gcNanosSince(first) / 1e9,
                    end.compilerNanosSince(first) / 1e9, end.processNanosSince(first) / 1e9));
        } finally {
            BenchmarkSpark.stop();
        }
        System.exit(0);
    }

    private static KinesisInputDStream.Builder withStorageLevel(KinesisInputDStream.Builder builder, String level) {
        return level == null ? builder : builder.storageLevel(StorageLevel.fromString(level));
    }
}
