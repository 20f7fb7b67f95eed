package io.github.sparkkinesis.benchmarks;

import io.github.sparkkinesis.benchmarks.backlog.BacklogRecord;
import io.github.sparkkinesis.benchmarks.backlog.KinesisMockBacklog;
import io.github.sparkkinesis.benchmarks.backlog.ShardHashRanges;
import io.github.sparkkinesis.benchmarks.measure.ConsumerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A preloaded stream of a benchmark (its shards, records per shard and record size) and the connector settings it
 * is drained with; the plain read loop asks for as many records per call as the connector.
 */
record Backlog(String name, int shards, int recordsPerShard, int recordBytes, ConsumerSettings consumer) {

    Backlog(String name, int shards, int recordsPerShard, int recordBytes) {
        this(name, shards, recordsPerShard, recordBytes, ConsumerSettings.DEFAULTS);
    }

    long records() {
        return (long) shards * recordsPerShard;
    }

    /** The fast server's stream argument ({@code name:shards:recordsPerShard:recordBytes}). */
    String fastServerSpec() {
        return name + ":" + shards + ":" + recordsPerShard + ":" + recordBytes;
    }

    String describe() {
        return shards + " × " + String.format("%,d", recordsPerShard) + " × "
                + (recordBytes >= 1024 ? recordBytes / 1024 + " KiB" : recordBytes + " B")
                + (consumer.equals(ConsumerSettings.DEFAULTS) ? "" : ", " + consumer);
    }

    /**
     * Writes kinesis-mock's state file with this backlog: one partition key per shard and one shared payload, so the
     * records differ only in sequence number.
     */
    void writeKinesisMockState(Path state) {
        ShardHashRanges ranges = ShardHashRanges.evenlySplit(shards);
        List<String> keys = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            keys.add(ranges.partitionKeys(shard, "key-", 1).get(0));
        }
        byte[] payload = new byte[recordBytes];
        Arrays.fill(payload, (byte) 'x');
        KinesisMockBacklog.of(name, shards, recordsPerShard,
                (shard, index) -> new BacklogRecord(keys.get(shard), payload)).writeTo(state);
    }
}
