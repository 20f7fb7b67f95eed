package io.github.sparkkinesis.sql;

import io.github.sparkkinesis.sql.internal.options.KinesisSourceOptions;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * Format {@code kinesis}: the Kinesis source of Structured Streaming, {@code spark.readStream.format("kinesis")},
 * one row per user record (KPL aggregates de-aggregated), with exactly-once replay from the query's checkpoint,
 * read limits and {@code Trigger.AvailableNow}; and the Kinesis sink, {@code df.writeStream.format("kinesis")} and
 * {@code df.write.format("kinesis").mode("append")}, writing rows with {@code data} and {@code partitionKey}
 * columns through PutRecords, at least once. Options and rows follow Databricks' Kinesis connector.
 *
 * <pre>{@code
 * Dataset<Row> orders = spark.readStream().format("kinesis")
 *     .option("streamName", "orders")
 *     .option("region", "eu-west-1")
 *     .option("initialPosition", "trim_horizon")
 *     .load();
 *
 * orders.selectExpr("partitionKey", "data")
 *     .writeStream().format("kinesis")
 *     .option("streamName", "orders-copy")
 *     .option("region", "eu-west-1")
 *     .option("checkpointLocation", "s3://bucket/checkpoints/orders-copy")
 *     .start();
 * }</pre>
 *
 * <p>Every option is checked when the query is defined ({@code load()}); see the configuration reference.
 */
public final class KinesisSourceProvider implements TableProvider, DataSourceRegister {

    /** The name given to {@code format(...)}. */
    public static final String SHORT_NAME = "kinesis";

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        // load() calls this first: the options fail here, when the query is defined, rather than at start().
        KinesisSourceOptions.parse(options);
        return KinesisRecordSchema.SCHEMA;
    }

    /**
     * True, so that writers hand over the schema of their rows rather than asking {@link #inferSchema} with the
     * writer's options (which are not a reader's); a reader without a schema still calls {@link #inferSchema}.
     */
    @Override
    public boolean supportsExternalMetadata() {
        return true;
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        // A reader's schema is checked when it is read; a writer's rows when the write is built.
        return new KinesisTable(schema);
    }
}
