package io.github.sparkkinesis.sql.internal.stream;

import io.github.sparkkinesis.sql.KinesisRecordSchema;
import io.github.sparkkinesis.sql.internal.options.KinesisSourceOptions;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.StructType;

/** A read of the Kinesis streams named by the options. */
public final class KinesisScan implements Scan {

    private final KinesisSourceOptions options;

    public KinesisScan(KinesisSourceOptions options) {
        this.options = options;
    }

    @Override
    public StructType readSchema() {
        return KinesisRecordSchema.SCHEMA;
    }

    @Override
    public String description() {
        return "kinesis" + options.streamNames();
    }

    @Override
    public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
        throw new UnsupportedOperationException("work in progress");
    }
}
