package io.github.sparkkinesis.benchmarks.server;

import java.util.Arrays;

/**
 * The records of one shard: an append-only log in fixed-size columnar chunks (payload, partition key, arrival
 * time). Appends take the log's lock; reads take none: a reader first reads {@link #size()}, and every record
 * below that size was completely written before the size was published, so GetRecords calls never wait for each
 * other or for producers.
 */
final class ShardRecordLog {

    private static final int CHUNK_BITS = 14;
    private static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    private static final int CHUNK_MASK = CHUNK_SIZE - 1;

    private static final class Chunk {
        final byte[][] data = new byte[CHUNK_SIZE][];
        final String[] partitionKeys = new String[CHUNK_SIZE];
        final long[] arrivalMillis = new long[CHUNK_SIZE];
    }

    /** Replaced (never modified in place below {@link #size}) when it must grow, so readers may hold an old copy. */
    private volatile Chunk[] chunks = new Chunk[8];
    private volatile long size;
    private long lastArrivalMillis = Long.MIN_VALUE;

    long size() {
        return size;
    }

    /**
     * Appends one record and returns its index. Arrival times never go backwards within a shard (a clock step back
     * reuses the last one), which keeps AT_TIMESTAMP lookups a binary search.
     */
    synchronized long append(byte[] data, String partitionKey, long arrivalMillis) {
        long index = size;
        store(index, data, partitionKey, arrivalMillis);
        size = index + 1;
        return index;
    }

    /**
     * Appends {@code count} records in one go and publishes them together; the source is asked for the payload of
     * each record by its index in this shard.
     */
    synchronized void appendAll(long count, RecordSource source) {
        long first = size;
        for (long i = 0; i < count; i++) {
            long index = first + i;
            store(index, source.data(index), source.partitionKey(index), source.arrivalMillis(index));
        }
        size = first + count;
    }

    /** What {@link #appendAll} asks for each record it appends. */
    interface RecordSource {
        byte[] data(long index);

        String partitionKey(long index);

        long arrivalMillis(long index);
    }

    byte[] data(long index) {
        return chunk(index).data[(int) index & CHUNK_MASK];
    }

    String partitionKey(long index) {
        return chunk(index).partitionKeys[(int) index & CHUNK_MASK];
    }

    long arrivalMillis(long index) {
        return chunk(index).arrivalMillis[(int) index & CHUNK_MASK];
    }

    /** The index of the first record below {@code limit} that arrived at or after the time, or {@code limit}. */
    long firstArrivedAtOrAfter(long epochMillis, long limit) {
        long low = 0;
        long high = limit;
        while (low < high) {
            long middle = (low + high) >>> 1;
            if (arrivalMillis(middle) < epochMillis) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private Chunk chunk(long index) {
        return chunks[(int) (index >>> CHUNK_BITS)];
    }

    private void store(long index, byte[] data, String partitionKey, long arrivalMillis) {
        int chunkIndex = (int) (index >>> CHUNK_BITS);
        Chunk[] current = chunks;
        if (chunkIndex >= current.length) {
            current = Arrays.copyOf(current, current.length * 2);
            chunks = current;
        }
        Chunk chunk = current[chunkIndex];
        if (chunk == null) {
            chunk = new Chunk();
            current[chunkIndex] = chunk;
        }
        long arrival = Math.max(arrivalMillis, lastArrivalMillis);
        lastArrivalMillis = arrival;
        int slot = (int) index & CHUNK_MASK;
        chunk.data[slot] = data;
        chunk.partitionKeys[slot] = partitionKey;
        chunk.arrivalMillis[slot] = arrival;
    }
}
