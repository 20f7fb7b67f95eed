package io.github.sparkkinesis.sql.internal.stream;

import io.github.sparkkinesis.sql.internal.fanout.QueryConsumers;
import io.github.sparkkinesis.sql.internal.fetch.FetchSettings;
import io.github.sparkkinesis.sql.internal.offsets.KinesisSourceOffset;
import io.github.sparkkinesis.sql.internal.options.KinesisSourceOptions;
import io.github.sparkkinesis.sql.internal.plan.ShardPlanner;
import io.github.sparkkinesis.sql.internal.read.KinesisInputPartition;
import io.github.sparkkinesis.sql.internal.read.KinesisReaderFactory;
import io.github.sparkkinesis.sql.internal.read.ReadSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.ReportsSourceMetrics;
import org.apache.spark.sql.connector.read.streaming.SupportsAdmissionControl;
import org.apache.spark.sql.connector.read.streaming.SupportsTriggerAvailableNow;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisReadClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The micro-batch reading of Kinesis streams, as Spark's {@code MicroBatchExecution} drives it.
 *
 * <p>Exactly-once replay rests on one rule: an offset only ever holds positions of records that have been read.
 * {@link #latestOffset(Offset, ReadLimit)} first has the executors fetch the new records of every shard into
 * Spark's block manager (the driver only learns their positions and counts), then ends the batch at block
 * boundaries within the read limit. Spark writes that end offset into the query's offset log before it runs the
 * batch, so the end positions are durable before the batch can be committed; a batch run again after a crash
 * has the same start and end, and its readers take the blocks if they are still there, or read exactly those
 * positions from Kinesis. Nothing is kept outside the query's checkpoint.
 *
 * <p>The query thread calls these methods one after the other; they are not thread-safe.
 */
final class KinesisMicroBatchStream implements MicroBatchStream, SupportsAdmissionControl,
        SupportsTriggerAvailableNow, ReportsSourceMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisMicroBatchStream.class);

    private final KinesisSourceOptions options;
    private final ShardPlanner planner;
    private final ReadSettings readSettings;
    private final KinesisReadClient driverClient;
    private final QueryConsumers consumersToDeregister;

    /**
     * @param driverClient          the driver's Kinesis client (for listing shards), closed when the stream stops
     * @param consumersToDeregister the enhanced fan-out consumers to deregister when the stream stops, or null
     */
    KinesisMicroBatchStream(KinesisSourceOptions options, FetchSettings fetchSettings, ReadSettings readSettings,
            ShardPlanner planner, KinesisReadClient driverClient, QueryConsumers consumersToDeregister) {
        this.options = options;
        this.readSettings = readSettings;
        this.planner = planner;
        this.driverClient = driverClient;
        this.consumersToDeregister = consumersToDeregister;
        LOG.info("Reading Kinesis streams {} ({}) with {}", options.streamNames(), fetchSettings.connection(),
                options);
    }

    @Override
    public Offset initialOffset() {
        return planner.initialOffset();
    }

    @Override
    public ReadLimit getDefaultReadLimit() {
        return options.maxRecordsPerTrigger().isPresent()
                ? ReadLimit.maxRows(options.maxRecordsPerTrigger().getAsLong()) : ReadLimit.allAvailable();
    }

    @Override
    public Offset latestOffset() {
        throw new UnsupportedOperationException("The kinesis source is read with latestOffset(start, limit)");
    }

    @Override
    public Offset latestOffset(Offset start, ReadLimit limit) {
        return planner.nextEnd((KinesisSourceOffset) start, limit);
    }

    @Override
    public Offset reportLatestOffset() {
        return planner.latestKnown();
    }

    @Override
    public void prepareForTriggerAvailableNow() {
        planner.stopAtRecordsArrivedBeforeNow();
    }

    @Override
    public InputPartition[] planInputPartitions(Offset start, Offset end) {
        List<KinesisInputPartition> partitions =
                planner.partitions((KinesisSourceOffset) start, (KinesisSourceOffset) end);
        return partitions.toArray(new InputPartition[0]);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new KinesisReaderFactory(readSettings);
    }

    @Override
    public Offset deserializeOffset(String json) {
        return KinesisSourceOffset.fromJson(json);
    }

    @Override
    public void commit(Offset end) {
        planner.consumed((KinesisSourceOffset) end);
    }

    @Override
    public Map<String, String> metrics(Optional<Offset> latestConsumedOffset) {
        return planner.metrics();
    }

    @Override
    public void stop() {
        planner.close();
        driverClient.close();
        if (consumersToDeregister != null) {
            consumersToDeregister.deregister();
        }
    }

    @Override
    public String toString() {
        return "KinesisMicroBatchStream" + options.streamNames();
    }
}
