package io.github.sparkkinesis.benchmarks;

import io.github.sparkkinesis.benchmarks.measure.ConsumerSettings;

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
}
