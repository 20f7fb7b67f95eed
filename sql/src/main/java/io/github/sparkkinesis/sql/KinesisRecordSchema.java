package io.github.sparkkinesis.sql;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The rows of the kinesis source, one per user record, with the columns of Databricks' Kinesis source.
 */
public final class KinesisRecordSchema {

    public static final String PARTITION_KEY = "partitionKey";
    public static final String DATA = "data";
    public static final String STREAM = "stream";
    public static final String SHARD_ID = "shardId";
    public static final String SEQUENCE_NUMBER = "sequenceNumber";
    public static final String APPROXIMATE_ARRIVAL_TIMESTAMP = "approximateArrivalTimestamp";

    /**
     * {@code partitionKey STRING, data BINARY, stream STRING, shardId STRING, sequenceNumber STRING,
     * approximateArrivalTimestamp TIMESTAMP}, none of them null.
     */
    public static final StructType SCHEMA = new StructType()
            .add(PARTITION_KEY, DataTypes.StringType, false)
            .add(DATA, DataTypes.BinaryType, false)
            .add(STREAM, DataTypes.StringType, false)
            .add(SHARD_ID, DataTypes.StringType, false)
            .add(SEQUENCE_NUMBER, DataTypes.StringType, false)
            .add(APPROXIMATE_ARRIVAL_TIMESTAMP, DataTypes.TimestampType, false);

    private KinesisRecordSchema() {
    }
}
