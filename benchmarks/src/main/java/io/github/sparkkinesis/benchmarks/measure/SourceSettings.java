package io.github.sparkkinesis.benchmarks.measure;

import io.github.sparkkinesis.benchmarks.backend.KinesisEndpoints;
import io.github.sparkkinesis.localstack.LocalStack;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;

/**
 * The Structured Streaming source as the benchmarks run it: {@code spark.readStream.format("kinesis")} at its
 * defaults, from {@code trim_horizon} (every run is a new query with a new checkpoint, so it reads from the start
 * of the shards, as the DStream runs do with a new application name), except for the options a measurement sets.
 */
public record SourceSettings(Map<String, String> options) {

    public static final SourceSettings DEFAULTS = new SourceSettings(Map.of());

    public SourceSettings {
        options = Map.copyOf(options);
    }

    /** These settings with one more option (a name of the source's option table). */
    public SourceSettings with(String option, String value) {
        Map<String, String> changed = new TreeMap<>(options);
        changed.put(option, value);
        return new SourceSettings(changed);
    }

    /** The source reading {@code stream} with these settings, from {@code trim_horizon}. */
    public Dataset<Row> load(SparkSession spark, KinesisEndpoints endpoints, String stream) {
        DataStreamReader reader = spark.readStream().format("kinesis")
                .option("streamName", stream)
                .option("endpoint", endpoints.kinesis().toString())
                .option("region", LocalStack.REGION.id())
                .option("awsAccessKey", LocalStack.CREDENTIALS.resolveCredentials().accessKeyId())
                .option("awsSecretKey", LocalStack.CREDENTIALS.resolveCredentials().secretAccessKey())
                .option("initialPosition", "trim_horizon");
        options.forEach(reader::option);
        return reader.load();
    }

    @Override
    public String toString() {
        if (options.isEmpty()) {
            return "defaults";
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(options).forEach((name, value) ->
                out.append(out.isEmpty() ? "" : ", ").append(name).append(' ').append(value));
        return out.toString();
    }
}
