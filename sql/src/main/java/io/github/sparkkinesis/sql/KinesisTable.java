package io.github.sparkkinesis.sql;

import io.github.sparkkinesis.sql.internal.options.KinesisSinkOptions;
import io.github.sparkkinesis.sql.internal.options.KinesisSourceOptions;
import io.github.sparkkinesis.sql.internal.stream.KinesisScan;
import io.github.sparkkinesis.sql.internal.write.KinesisWrite;
import io.github.sparkkinesis.sql.internal.write.SinkProgress;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.SupportsWrite;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.streaming.ReportsSinkMetrics;
import org.apache.spark.sql.connector.write.LogicalWriteInfo;
import org.apache.spark.sql.connector.write.SupportsTruncate;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriteBuilder;
import org.apache.spark.sql.internal.connector.SupportsStreamingUpdateAsAppend;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The Kinesis streams named by the options, as a table that can be read as a stream and written, as a stream or
 * in batch. The rows read have the fixed {@link KinesisRecordSchema}; the rows written are checked by the sink
 * ({@code data}, {@code partitionKey}, {@code explicitHashKey}, {@code streamName} columns).
 */
final class KinesisTable implements SupportsRead, SupportsWrite, ReportsSinkMetrics {

    /** The schema given to {@code getTable}: a reader's, or the rows of a writer; null when none was given. */
    private final StructType givenSchema;
    private final SinkProgress sinkProgress = new SinkProgress();

    KinesisTable(StructType givenSchema) {
        this.givenSchema = givenSchema;
    }

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
        // Any schema: the rows written are checked by the sink itself, naming the column that is wrong.
        return Set.of(TableCapability.MICRO_BATCH_READ, TableCapability.BATCH_WRITE, TableCapability.STREAMING_WRITE,
                TableCapability.ACCEPT_ANY_SCHEMA);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
        if (givenSchema != null && !givenSchema.equals(KinesisRecordSchema.SCHEMA)) {
            throw new IllegalArgumentException("The kinesis source has a fixed schema (" + KinesisRecordSchema.SCHEMA
                    .simpleString() + "); remove the schema given to the reader");
        }
        KinesisSourceOptions parsed = KinesisSourceOptions.parse(options);
        return () -> new KinesisScan(parsed);
    }

    @Override
    public WriteBuilder newWriteBuilder(LogicalWriteInfo info) {
        KinesisSinkOptions options = KinesisSinkOptions.parse(info.options());
        // Checked now, so that a wrong column fails the query when it starts.
        KinesisWrite write = new KinesisWrite(options, info.schema(), sinkProgress);
        return new SinkWriteBuilder(write);
    }

    @Override
    public Map<String, String> metrics() {
        return sinkProgress.lastBatch();
    }

    /**
     * Kinesis only appends: the update and complete output modes write their rows as they come (as the Kafka sink
     * does), and truncation has nothing to truncate.
     */
    private record SinkWriteBuilder(KinesisWrite write)
            implements WriteBuilder, SupportsTruncate, SupportsStreamingUpdateAsAppend {

        @Override
        public Write build() {
            return write;
        }

        @Override
        public WriteBuilder truncate() {
            return this;
        }
    }
}
