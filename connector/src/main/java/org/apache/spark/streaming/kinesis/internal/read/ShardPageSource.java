package org.apache.spark.streaming.kinesis.internal.read;

/**
 * One pass over a shard, a page at a time, from a starting point: by {@code GetRecords} ({@link ShardPageReader}) or
 * by an enhanced fan-out subscription (the Structured Streaming source's). Either way a page holds de-aggregated user
 * records after the starting point, in order, and says whether the shard ended and how far behind its tip it is.
 */
public interface ShardPageSource extends AutoCloseable {

    /**
     * The next page: at most {@code limit} records' worth (1 to 10,000). Call only while {@link #ended()} is false.
     *
     * @throws KinesisRangeReadException if the shard cannot be read (after retries)
     */
    ShardPage next(int limit);

    /** Whether the shard is closed and its last page has been read. */
    boolean ended();

    /** GetRecords calls made so far (none for a subscription). */
    int getRecordsCalls();

    /** Gives up the pass; what it holds (a subscription) may be kept for the next pass that continues it. */
    @Override
    default void close() {
    }
}
