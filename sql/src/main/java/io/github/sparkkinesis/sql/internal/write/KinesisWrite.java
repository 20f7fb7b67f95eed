package io.github.sparkkinesis.sql.internal.write;

import io.github.sparkkinesis.sql.internal.options.KinesisSinkOptions;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.write.BatchWrite;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.PhysicalWriteInfo;
import org.apache.spark.sql.connector.write.Write;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingWrite;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A write of rows to Kinesis, batch or streaming. The columns are checked when it is made, so that a missing or
 * mistyped column fails the query at its start. Kinesis has no transactions: each task's records are in Kinesis
 * once the task commits, and commit and abort of the whole write have nothing left to do (at least once).
 */
public final class KinesisWrite implements Write {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisWrite.class);

    private final KinesisSinkOptions options;
    private final SinkColumns columns;
    private final SinkProgress progress;

    /**
     * @throws IllegalArgumentException naming a missing or mistyped column
     */
    public KinesisWrite(KinesisSinkOptions options, StructType schema, SinkProgress progress) {
        this.options = options;
        this.columns = SinkColumns.of(schema, options);
        this.progress = progress;
    }

    @Override
    public String description() {
        return "kinesis[" + options.streamName().orElse("streamName column") + "]";
    }

    @Override
    public BatchWrite toBatch() {
        return new BatchWrite() {
            @Override
            public DataWriterFactory createBatchWriterFactory(PhysicalWriteInfo info) {
                return new KinesisDataWriterFactory(options, columns);
            }

            @Override
            public void commit(WriterCommitMessage[] messages) {
                progress.committed(messages);
            }

            @Override
            public void abort(WriterCommitMessage[] messages) {
                LOG.warn("A write to Kinesis failed; the records its tasks had written stay in Kinesis");
            }
        };
    }

    @Override
    public StreamingWrite toStreaming() {
        return new StreamingWrite() {
            @Override
            public StreamingDataWriterFactory createStreamingWriterFactory(PhysicalWriteInfo info) {
                return new KinesisDataWriterFactory(options, columns);
            }

            @Override
            public void commit(long epochId, WriterCommitMessage[] messages) {
                progress.committed(messages);
            }

            @Override
            public void abort(long epochId, WriterCommitMessage[] messages) {
                LOG.warn("Micro-batch {} failed writing to Kinesis; the records its tasks had written stay in "
                        + "Kinesis and are written again when the batch runs again", epochId);
            }
        };
    }

    @Override
    public CustomMetric[] supportedCustomMetrics() {
        return KinesisSinkMetrics.all();
    }
}
