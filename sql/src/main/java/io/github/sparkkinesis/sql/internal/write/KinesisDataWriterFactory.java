package io.github.sparkkinesis.sql.internal.write;

import io.github.sparkkinesis.sql.internal.fetch.SharedKinesisClients;
import io.github.sparkkinesis.sql.internal.options.KinesisSinkOptions;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.DataWriterFactory;
import org.apache.spark.sql.connector.write.streaming.StreamingDataWriterFactory;

/** Sent to the executors: makes each task's writer, on the executor's shared Kinesis client. */
final class KinesisDataWriterFactory implements DataWriterFactory, StreamingDataWriterFactory {
    private static final long serialVersionUID = 1L;

    private final KinesisSinkOptions options;
    private final SinkColumns columns;

    KinesisDataWriterFactory(KinesisSinkOptions options, SinkColumns columns) {
        this.options = options;
        this.columns = columns;
    }

    @Override
    public DataWriter<InternalRow> createWriter(int partitionId, long taskId) {
        return new KinesisDataWriter(SharedKinesisClients.forConnection(options.connection().connection()), columns,
                options);
    }

    @Override
    public DataWriter<InternalRow> createWriter(int partitionId, long taskId, long epochId) {
        return createWriter(partitionId, taskId);
    }
}
