package io.github.sparkkinesis.benchmarks.measure;

import io.github.sparkkinesis.localstack.LocalStack;
import java.net.URI;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One batch write of generated rows through the kinesis sink ({@code df.write.format("kinesis")}): the rows are
 * generated and cached first, so that the timed part is the sink's (rows to records, calls, acknowledgements).
 * CPU is this JVM's (Spark and the sink); the Kinesis server runs in a process of its own.
 */
public final class SinkWrite {

    /** Distinct partition keys of the rows: enough to spread them over the shards. */
    private static final int KEYS = 1_000;
    /** Write tasks, as many as the local Spark's cores. */
    private static final int PARTITIONS = 4;

    /** What one write took. */
    public record Result(long records, int recordBytes, double seconds, long cpuNanos) {

        public double recordsPerSecond() {
            return records / seconds;
        }

        public double mibPerSecond() {
            return records * (double) recordBytes / seconds / (1024 * 1024);
        }

        public double cpuSecondsPerMillionRecords() {
            return cpuNanos / 1e9 / (records / 1e6);
        }
    }

    private SinkWrite() {
    }

    /** Writes {@code records} rows of {@code recordBytes} bytes of data to {@code stream}. */
    public static Result run(URI endpoint, String stream, int records, int recordBytes, boolean aggregate) {
        Dataset<Row> rows = BenchmarkSpark.session().range(0, records, 1, PARTITIONS)
                .selectExpr("cast(id % " + KEYS + " as string) as partitionKey",
                        "cast(rpad(cast(id as string), " + recordBytes + ", 'x') as binary) as data")
                .cache();
        rows.count();
        long cpuBefore = ProcessMetrics.processCpuNanos();
        long started = System.nanoTime();
        rows.write().format("kinesis").mode("append")
                .option("streamName", stream)
                .option("endpoint", endpoint.toString())
                .option("region", LocalStack.REGION.id())
                .option("awsAccessKey", LocalStack.CREDENTIALS.resolveCredentials().accessKeyId())
                .option("awsSecretKey", LocalStack.CREDENTIALS.resolveCredentials().secretAccessKey())
                .option("aggregate", Boolean.toString(aggregate))
                .save();
        double seconds = (System.nanoTime() - started) / 1e9;
        long cpu = ProcessMetrics.processCpuNanos() - cpuBefore;
        rows.unpersist();
        return new Result(records, recordBytes, seconds, cpu);
    }
}
