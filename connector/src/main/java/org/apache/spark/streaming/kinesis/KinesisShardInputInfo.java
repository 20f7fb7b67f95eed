package org.apache.spark.streaming.kinesis;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamInputInfo;
import scala.Option;

/**
 * What a Kinesis DStream received from one shard in one batch: how many records, at what rate, and how far behind
 * the newest record of the shard they were when read (Kinesis's {@code MillisBehindLatest}). Every batch of a
 * Kinesis DStream carries one per shard that delivered records, in the batch's input information: the Streaming
 * tab of the Spark UI shows them as the stream's input metadata, and a {@code StreamingListener} can read them:
 *
 * <pre>{@code
 * int streamId = kinesisStream.id();
 * ssc.addStreamingListener(new StreamingListener() {
 *     public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
 *         for (KinesisShardInputInfo shard : KinesisShardInputInfo.of(completed.batchInfo(), streamId)) {
 *             shard.millisBehindLatest().ifPresent(lag -> lagGauge(shard.shardId()).set(lag));
 *         }
 *     }
 * });
 * }</pre>
 *
 * <p>A lag that keeps growing from batch to batch means the application reads slower than the stream is written
 * (see {@code docs/operations.md}).
 */
public final class KinesisShardInputInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The key of the shard list in {@link StreamInputInfo#metadata()}: a {@code java.util.List} of these. */
    public static final String METADATA_KEY = "kinesis.shards";

    private static final long UNKNOWN = -1;

    private final String shardId;
    private final long records;
    private final double recordsPerSecond;
    private final long millisBehindLatest;

    /**
     * @param millisBehindLatest the lag of the shard's last record in the batch when it was read; negative if
     *                           Kinesis did not report it
     */
    public KinesisShardInputInfo(String shardId, long records, double recordsPerSecond, long millisBehindLatest) {
        this.shardId = Objects.requireNonNull(shardId, "shardId");
        this.records = records;
        this.recordsPerSecond = recordsPerSecond;
        this.millisBehindLatest = millisBehindLatest < 0 ? UNKNOWN : millisBehindLatest;
    }

    /**
     * The shards of one Kinesis DStream in a batch, ordered by shard id; empty if the stream received nothing in the
     * batch or {@code inputStreamId} is not a Kinesis DStream of that batch.
     */
    public static List<KinesisShardInputInfo> of(BatchInfo batch, int inputStreamId) {
        Option<StreamInputInfo> input = batch.streamIdToInputInfo().get(inputStreamId);
        return input.isEmpty() ? List.of() : of(input.get());
    }

    /** The shards in one input stream's information of a batch (empty if it is not a Kinesis DStream). */
    @SuppressWarnings("unchecked")
    public static List<KinesisShardInputInfo> of(StreamInputInfo input) {
        Option<Object> shards = input.metadata().get(METADATA_KEY);
        return shards.isEmpty() || !(shards.get() instanceof List<?>) ? List.of()
                : List.copyOf((List<KinesisShardInputInfo>) shards.get());
    }

    public String shardId() {
        return shardId;
    }

    /** Records received from the shard in the batch (user records: a KPL aggregate counts as what it holds). */
    public long records() {
        return records;
    }

    /** {@link #records()} per second of batch duration. */
    public double recordsPerSecond() {
        return recordsPerSecond;
    }

    /**
     * How far the last record of the shard in this batch was behind the newest record of the shard when it was read;
     * 0 means the receiver had caught up. Empty if Kinesis did not report it.
     */
    public OptionalLong millisBehindLatest() {
        return millisBehindLatest == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(millisBehindLatest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KinesisShardInputInfo that && shardId.equals(that.shardId) && records == that.records
                && Double.compare(recordsPerSecond, that.recordsPerSecond) == 0
                && millisBehindLatest == that.millisBehindLatest;
    }

    @Override
    public int hashCode() {
        return Objects.hash(shardId, records, recordsPerSecond, millisBehindLatest);
    }

    /**
     * One line of the Spark UI's input metadata, e.g.
     * {@code shardId-000000000001: 1200 records (600.0/s), 0 ms behind latest}.
     */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s: %d records (%.1f/s), %s", shardId, records, recordsPerSecond,
                millisBehindLatest == UNKNOWN ? "lag not reported" : millisBehindLatest + " ms behind latest");
    }
}
