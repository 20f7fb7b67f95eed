package io.github.sparkkinesis.sql.internal.fetch;

/**
 * Numbers the blocks of one fetch ({@code rdd_<fetch id>_<index>}) so that no two writers ever use the same name:
 * the index holds the task attempt, the shard's slot in the fetch and the block's number in the shard. A retried
 * or speculative attempt of a fetch task writes its own blocks; were it to reuse the first attempt's names, the
 * block manager would keep the first attempt's records under the second attempt's positions.
 */
final class FetchBlockIndex {

    static final int ATTEMPT_BITS = 3;
    static final int SLOT_BITS = 16;
    static final int BLOCK_BITS = 12;
    /** Shards one fetch can read (there are more fetches for more). */
    static final int MAX_SLOTS = 1 << SLOT_BITS;
    /** Blocks one fetch can make of one shard: a fetch stops reading a shard there. */
    static final int MAX_BLOCKS = 1 << BLOCK_BITS;
    static final int MAX_ATTEMPTS = 1 << ATTEMPT_BITS;

    private FetchBlockIndex() {
    }

    static int of(int attempt, int slot, int block) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new IllegalStateException("A kinesis fetch task failed " + attempt + " times; giving up (it "
                    + "names its blocks for at most " + MAX_ATTEMPTS + " attempts)");
        }
        if (slot >= MAX_SLOTS || block >= MAX_BLOCKS) {
            throw new IllegalArgumentException("Block " + block + " of slot " + slot + " is out of range");
        }
        return (attempt << (SLOT_BITS + BLOCK_BITS)) | (slot << BLOCK_BITS) | block;
    }
}
