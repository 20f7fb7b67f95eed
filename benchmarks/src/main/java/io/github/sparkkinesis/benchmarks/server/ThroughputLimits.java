package io.github.sparkkinesis.benchmarks.server;

/**
 * The Kinesis request limits a {@link FastKinesisServer} enforces, answering calls beyond them as Kinesis does
 * ({@code ProvisionedThroughputExceededException} for reads, {@code LimitExceededException} for control-plane calls).
 * {@link #UNLIMITED} (the default) keeps the server out of the way of the reader under test; {@link #KINESIS} makes
 * it a stand-in for the real service's limits, for measuring how a reader lives with them at scale.
 *
 * @param getRecordsPerShardPerSecond GetRecords calls per shard in any one-second window
 * @param readBytesPerShardPerSecond record data per shard and second; a larger answer is served, and the shard's
 *     next read waits until the rate is paid back (a 10 MiB answer throttles the shard for five seconds)
 * @param getShardIteratorPerShardPerSecond GetShardIterator calls per shard in any one-second window
 * @param listShardsPerStreamPerSecond ListShards calls per stream in any one-second window
 * @param describeStreamSummaryPerSecond DescribeStreamSummary calls in any one-second window (per account: the
 *     server is one account)
 */
public record ThroughputLimits(int getRecordsPerShardPerSecond, long readBytesPerShardPerSecond,
        int getShardIteratorPerShardPerSecond, int listShardsPerStreamPerSecond, int describeStreamSummaryPerSecond) {

    /** No limits: the server answers as fast as it can. */
    public static final ThroughputLimits UNLIMITED = new ThroughputLimits(Integer.MAX_VALUE, Long.MAX_VALUE,
            Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    /**
     * The limits of the Kinesis Data Streams API reference: GetRecords 5 calls and 2 MiB per second and shard;
     * GetShardIterator 5 per second and shard; ListShards 1,000 per second and stream (older references said 100);
     * DescribeStreamSummary 20 per second and account.
     */
    public static final ThroughputLimits KINESIS = new ThroughputLimits(5, 2L * 1024 * 1024, 5, 1_000, 20);

    public ThroughputLimits {
        if (getRecordsPerShardPerSecond < 1 || readBytesPerShardPerSecond < 1 || getShardIteratorPerShardPerSecond < 1
                || listShardsPerStreamPerSecond < 1 || describeStreamSummaryPerSecond < 1) {
            throw new IllegalArgumentException("Every limit must be positive: " + this);
        }
    }

    /** Whether any limit is enforced. */
    public boolean enforced() {
        return !equals(UNLIMITED);
    }
}
