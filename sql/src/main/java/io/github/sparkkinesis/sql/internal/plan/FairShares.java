package io.github.sparkkinesis.sql.internal.plan;

/**
 * Splits a batch's limit over its shards: equal shares, the remainder going one each to the shards whose turn it
 * is, so that a limit smaller than the number of shards still lets every shard advance, batch after batch.
 */
final class FairShares {

    private FairShares() {
    }

    /**
     * @param total    the limit, or {@link Long#MAX_VALUE} for none
     * @param shards   how many shards share it
     * @param rotation which shard's turn it is for the remainder (e.g. a counter of batches)
     * @return the share of each shard, in order
     */
    static long[] split(long total, int shards, long rotation) {
        long[] shares = new long[shards];
        if (shards == 0) {
            return shares;
        }
        if (total == Long.MAX_VALUE) {
            java.util.Arrays.fill(shares, Long.MAX_VALUE);
            return shares;
        }
        long base = total / shards;
        long remainder = total % shards;
        for (int i = 0; i < shards; i++) {
            long turn = Math.floorMod(i - rotation, shards);
            shares[i] = base + (turn < remainder ? 1 : 0);
        }
        return shares;
    }
}
