package io.github.sparkkinesis.benchmarks.server;

import java.util.Arrays;

/**
 * Supplies the payloads of preloaded records. The returned array is stored as it is, not copied, and must not be
 * changed afterwards; returning one shared array for every record makes preloading millions of records cheap.
 */
@FunctionalInterface
public interface RecordPayloadGenerator {

    /**
     * The payload of a preloaded record.
     *
     * @param shardIndex the index of the shard in its stream (0 for {@code shardId-000000000000})
     * @param recordIndex the index of the record in its shard
     */
    byte[] payload(int shardIndex, long recordIndex);

    /** Every record gets the same payload of {@code sizeBytes} printable ASCII bytes. */
    static RecordPayloadGenerator repeating(int sizeBytes) {
        byte[] payload = new byte[sizeBytes];
        Arrays.fill(payload, (byte) 'x');
        return repeating(payload);
    }

    /** Every record gets this payload (shared, not copied). */
    static RecordPayloadGenerator repeating(byte[] payload) {
        return (shardIndex, recordIndex) -> payload;
    }
}
