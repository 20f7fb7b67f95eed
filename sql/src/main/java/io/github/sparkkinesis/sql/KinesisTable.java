package io.github.sparkkinesis.sql;

import io.github.sparkkinesis.sql.internal.options.KinesisSourceOptions;
import io.github.sparkkinesis.sql.internal.stream.KinesisScan;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The Kinesis streams named by the options, as a table that can only be read as a stream. */
final class KinesisTable implements SupportsRead {

    @Override
    public String name() {
        return "kinesis";
    }

    @Override
    public StructType schema() {
        return KinesisRecordSchema.SCHEMA;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.MICRO_BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        KinesisSourceOptions parsed = KinesisSourceOptions.parse(options);
        return () -> new KinesisScan(parsed);
    }
}
