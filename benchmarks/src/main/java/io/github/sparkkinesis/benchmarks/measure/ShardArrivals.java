package io.github.sparkkinesis.benchmarks.measure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the first record of each shard reached the message handler, told apart by partition key: the benchmark
 * backlogs put every record of a shard under one key of that shard (and a different one for each shard), so a key
 * stands for its shard. Static because the handler runs inside Spark (in this JVM: local mode).
 */
final class ShardArrivals {

    private static final Map<String, Long> FIRST_NANOS = new ConcurrentHashMap<>();

    private ShardArrivals() {
    }

    static void reset() {
        FIRST_NANOS.clear();
    }

    static void arrived(String partitionKey, long nanos) {
        // get first: one lookup per record once the key is known, no allocation.
        if (FIRST_NANOS.get(partitionKey) == null) {
            FIRST_NANOS.putIfAbsent(partitionKey, nanos);
        }
    }

    /** Seconds from the first shard's first record to each shard's first record, ascending (0 first). */
    static List<Double> secondsAfterFirst() {
        List<Long> firsts = new ArrayList<>(FIRST_NANOS.values());
        Collections.sort(firsts);
        List<Double> offsets = new ArrayList<>();
        for (long first : firsts) {
            offsets.add((first - firsts.get(0)) / 1e9);
        }
        return offsets;
    }
}
