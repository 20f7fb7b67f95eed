package io.github.sparkkinesis.sql.internal.read;

import io.github.sparkkinesis.sql.internal.fetch.BlockRef;
import io.github.sparkkinesis.sql.internal.offsets.ShardPosition;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One shard's part of a micro-batch: the records after {@code start} through {@code end} (the shard's last record
 * if {@code end} is "ended"), and the blocks that hold them if they are all in the block manager.
 *
 * @param blocks the fetched blocks covering exactly the range, in order; empty when they are not known (the batch
 *               is run again after a restart): the range is then read from Kinesis
 */
public record KinesisInputPartition(String stream, String shardId, String startingHashKey, String endingHashKey,
        ShardPosition start, ShardPosition end, List<BlockRef> blocks) implements InputPartition {

    public KinesisInputPartition {
        blocks = List.copyOf(blocks);
    }

    /** The executors holding the blocks, most blocks first: none when the range is read from Kinesis. */
    @Override
    public String[] preferredLocations() {
        Map<String, Long> blocksPerLocation = blocks.stream()
                .collect(Collectors.groupingBy(BlockRef::location, Collectors.counting()));
        return blocksPerLocation.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toArray(String[]::new);
    }
}
