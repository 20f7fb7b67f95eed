package io.github.sparkkinesis.sql.internal.shards;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * A shard as {@code ListShards} describes it: its parents (a split has one, a merge two), its hash key range (which
 * de-aggregation needs) and whether it is closed.
 */
public record ShardInfo(String stream, String shardId, List<String> parents, String startingHashKey,
        String endingHashKey, boolean closed) implements Serializable {

    public ShardInfo {
        parents = List.copyOf(parents);
    }

    static ShardInfo of(String stream, Shard shard) {
        List<String> parents = new ArrayList<>(2);
        if (shard.parentShardId() != null) {
            parents.add(shard.parentShardId());
        }
        if (shard.adjacentParentShardId() != null) {
            parents.add(shard.adjacentParentShardId());
        }
        return new ShardInfo(stream, shard.shardId(), Collections.unmodifiableList(parents),
                shard.hashKeyRange().startingHashKey(), shard.hashKeyRange().endingHashKey(),
                shard.sequenceNumberRange() != null && shard.sequenceNumberRange().endingSequenceNumber() != null);
    }

    public HashKeyRange hashKeyRange() {
        return HashKeyRange.builder().startingHashKey(startingHashKey).endingHashKey(endingHashKey).build();
    }
}
