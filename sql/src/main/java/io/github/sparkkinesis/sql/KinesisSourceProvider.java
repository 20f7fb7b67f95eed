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
 * The Kinesis source of Structured Streaming, {@code spark.readStream.format("kinesis")}: one row per user record
 * (KPL aggregates de-aggregated), with exactly-once replay from the query's checkpoint, read limits and
 * {@code Trigger.AvailableNow}. Options and rows follow Databricks' Kinesis source.
 *
 * <pre>{@code
 * Dataset<Row> orders = spark.readStream().format("kinesis")
 *     .option("streamName", "orders")
 *     .option("region", "eu-west-1")
 *     .option("initialPosition", "trim_horizon")
 *     .load();
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

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        if (schema != null && !schema.equals(KinesisRecordSchema.SCHEMA)) {
            throw new IllegalArgumentException("The kinesis source has a fixed schema (" + KinesisRecordSchema.SCHEMA
                    .simpleString() + "); remove the schema given to the reader");
        }
        return new KinesisTable();
    }
}
