package io.github.sparkkinesis.sql.internal.fetch;

import java.io.Serializable;
import java.util.List;

/**
 * What a fetch found in one shard.
 *
 * @param blocks                 the blocks stored, in order, contiguous from the fetch's starting point
 * @param ended                  the shard is closed and its last record is in these blocks (or was before)
 * @param millisBehindLatest     Kinesis's lag of the last page read, if it said
 * @param atTip                  the last page reached the newest record of the shard
 * @param cutoffReached          a record that arrived after the fetch's arrival cutoff was seen (and not read)
 * @param firstAvailableAfterGap non-null if the fetch's starting record had expired (trimmed after the retention
 *                               period): the first sequence number the shard still had
 */
public record ShardFetchResult(String stream, String shardId, List<BlockRef> blocks, boolean ended,
        Long millisBehindLatest, boolean atTip, boolean cutoffReached, String firstAvailableAfterGap,
        int getRecordsCalls) implements Serializable {

    public ShardFetchResult {
        blocks = List.copyOf(blocks);
    }

    public long records() {
        return blocks.stream().mapToLong(BlockRef::records).sum();
    }
}
