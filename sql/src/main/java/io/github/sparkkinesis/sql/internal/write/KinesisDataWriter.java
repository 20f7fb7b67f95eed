package io.github.sparkkinesis.sql.internal.write;

import io.github.sparkkinesis.sql.internal.options.KinesisSinkOptions;
import io.github.sparkkinesis.sql.internal.options.KnownSinkOptions;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.metric.CustomTaskMetric;
import org.apache.spark.sql.connector.write.DataWriter;
import org.apache.spark.sql.connector.write.WriterCommitMessage;
import org.apache.spark.streaming.kinesis.internal.read.KinesisRetrySettings;
import org.apache.spark.streaming.kinesis.internal.read.RetryingKinesisCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Writes one task's rows: each row becomes a record (or a user record of a KPL aggregate), records gather into
 * PutRecords calls, and a full call is sent, retries and all, before the task reads on; {@link #commit()} sends
 * what is left. So a task holds at most one call's worth of records ({@code maxBytesPerCall}) besides the
 * aggregates being filled, and has one call in flight.
 */
final class KinesisDataWriter implements DataWriter<InternalRow> {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisDataWriter.class);

    private final SinkColumns columns;
    private final boolean dropOversized;
    private final ShardAggregator aggregator;
    private final CallBatcher batcher;
    private final PutRecordsSender sender;
    private final SinkCounters counters = new SinkCounters();

    KinesisDataWriter(KinesisClient kinesis, SinkColumns columns, KinesisSinkOptions options) {
        this.columns = columns;
        this.dropOversized = options.dropOversizedRecords();
        this.aggregator = options.aggregate() ? new ShardAggregator(new StreamShardMaps(kinesis,
                new RetryingKinesisCall(KinesisRetrySettings.from(SparkEnv.get().conf())))) : null;
        this.batcher = new CallBatcher(options.maxRecordsPerCall(), options.maxBytesPerCall(),
                options.strictKeyOrder());
        this.sender = new PutRecordsSender(kinesis, PutRetrySettings.of(options), counters);
    }

    @Override
    public void write(InternalRow row) {
        UserRecord record = columns.record(row);
        if (record.size() > KnownSinkOptions.KINESIS_MAX_RECORD_BYTES) {
            if (!dropOversized) {
                throw new KinesisWriteException("A record for Kinesis stream " + record.stream() + " has "
                        + record.size() + " bytes (data and partition key), more than Kinesis' limit of "
                        + KnownSinkOptions.KINESIS_MAX_RECORD_BYTES + " bytes per record; make it smaller, or set "
                        + "option dropOversizedRecords to true to drop such records (counted as recordsDropped)");
            }
            counters.recordsDropped++;
            LOG.warn("Dropped a record of {} bytes for Kinesis stream {}: over Kinesis' limit of {} bytes",
                    record.size(), record.stream(), KnownSinkOptions.KINESIS_MAX_RECORD_BYTES);
            return;
        }
        if (aggregator == null) {
            send(PutEntry.of(record));
        } else {
            aggregator.add(record).forEach(this::send);
        }
    }

    @Override
    public WriterCommitMessage commit() {
        if (aggregator != null) {
            aggregator.drain().forEach(this::send);
        }
        batcher.drain().forEach(sender::send);
        return counters.snapshot();
    }

    @Override
    public void abort() {
        // Records already acknowledged stay in Kinesis: the sink writes at least once.
    }

    @Override
    public CustomTaskMetric[] currentMetricsValues() {
        return counters.taskMetrics();
    }

    @Override
    public void close() {
        // The Kinesis client is shared by the tasks of the executor and outlives this writer.
    }

    private void send(PutEntry entry) {
        List<PutBatch> ready = batcher.add(entry);
        ready.forEach(sender::send);
    }
}
