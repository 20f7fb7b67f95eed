package org.apache.spark.streaming.kinesis.internal.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.streaming.kinesis.KinesisShardInputInfo;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRange;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;

/**
 * The input metadata of one batch of a Kinesis DStream, built from the metadata of the batch's blocks: per shard,
 * the records received, their rate over the batch, and the lag Kinesis reported with the latest of them. Spark
 * shows the description in the Streaming tab; the shard list is for listeners ({@link KinesisShardInputInfo}).
 */
public final class BatchInputMetadata {

    /** Spark's key for the text the Streaming tab shows (StreamInputInfo.METADATA_KEY_DESCRIPTION). */
    public static final String DESCRIPTION_KEY = "Description";

    private BatchInputMetadata() {
    }

    /**
     * @param blocks the batch's block metadata in the order the blocks arrived
     * @param batchMillis the batch duration, over which the rates are computed
     */
    public static Map<String, Object> of(String streamName, List<SequenceNumberRanges> blocks, long batchMillis) {
        List<KinesisShardInputInfo> shards = shards(blocks, batchMillis);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put(KinesisShardInputInfo.METADATA_KEY, shards);
        metadata.put(DESCRIPTION_KEY, "Kinesis stream " + streamName + (shards.isEmpty() ? ": no records"
                : shards.stream().map(KinesisShardInputInfo::toString).collect(Collectors.joining("\n", "\n", ""))));
        return metadata;
    }

    static List<KinesisShardInputInfo> shards(List<SequenceNumberRanges> blocks, long batchMillis) {
        Map<String, long[]> recordsAndLag = new TreeMap<>();
        for (SequenceNumberRanges block : blocks) {
            for (SequenceNumberRanges part : block.parts()) {
                for (SequenceNumberRange range : part.ranges()) {
                    long[] shard = recordsAndLag.computeIfAbsent(range.shardId(), id -> new long[] {0, -1});
                    shard[0] += range.recordCount();
                    // Blocks of a shard arrive in read order: the last reported lag is the newest.
                    part.millisBehindLatest().ifPresent(lag -> shard[1] = lag);
                }
            }
        }
        double seconds = batchMillis / 1000.0;
        List<KinesisShardInputInfo> shards = new ArrayList<>(recordsAndLag.size());
        recordsAndLag.forEach((shardId, shard) ->
                shards.add(new KinesisShardInputInfo(shardId, shard[0], shard[0] / seconds, shard[1])));
        return shards;
    }
}
