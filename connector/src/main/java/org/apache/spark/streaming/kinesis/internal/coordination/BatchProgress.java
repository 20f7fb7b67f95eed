package org.apache.spark.streaming.kinesis.internal.coordination;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * How far the application's batches have run, from Spark's streaming listener events: the time up to which every
 * batch with jobs has completed successfully.
 *
 * <p>A block is not always run by the batch of its own time: a window that slides by several batch intervals
 * computes the blocks of the intervals in between only when the window's batch is generated, and batches without
 * jobs never complete. So a block is recorded with a time at or after the batch that runs it (see
 * {@code KinesisInputDStream}), and that batch has run once every batch submitted up to that time has completed.
 *
 * <p>Spark submits batches in time order and delivers listener events in order: a batch that completes after a
 * later one was submitted is still pending here, so nothing after it counts as run. A batch that fails stays
 * pending for good: its records are read again after the application restarts.
 */
final class BatchProgress {

    private final NavigableSet<Long> pending = new TreeSet<>();
    private long latestSubmitted = Long.MIN_VALUE;

    synchronized void submitted(long batchTime) {
        pending.add(batchTime);
        latestSubmitted = Math.max(latestSubmitted, batchTime);
    }

    synchronized void completed(long batchTime, boolean succeeded) {
        if (succeeded) {
            pending.remove(batchTime);
        }
    }

    /**
     * The time up to which every batch has run (Long.MIN_VALUE: none yet): just before the oldest pending batch,
     * or the latest submitted one when none is pending. A batch being generated right now is later than that.
     */
    synchronized long ranThrough() {
        return pending.isEmpty() ? latestSubmitted : pending.first() - 1;
    }
}
