package org.apache.spark.streaming.kinesis.internal.checkpoint;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shards a receiver currently owns and a timer that checkpoints each of them every checkpoint interval,
 * whether or not new records arrived (an idle shard's last records still get checkpointed).
 *
 * <p>The timer checkpoints only positions stored at least the <em>safety delay</em> ago (see
 * {@link #safetyDelay(Duration)}), so that a driver that dies right after a checkpoint can still recompute the
 * records before it from Kinesis.
 */
public final class CheckpointTracker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointTracker.class);

    /** Time for the driver to put a stored block into a batch and write that batch into its checkpoint. */
    static final Duration MIN_CHECKPOINT_WRITE_MARGIN = Duration.ofSeconds(2);

    private final Map<String, ShardCheckpointState> shards = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final long safetyDelayMillis;
    private final LongSupplier clockMillis;

    /**
     * The safety delay for a batch duration: a stored block goes into the next batch (at most one batch duration
     * later), whose jobs are generated and checkpointed right after; the margin is one more batch duration, at least
     * two seconds.
     */
    public static Duration safetyDelay(Duration batchDuration) {
        return batchDuration.plus(batchDuration.compareTo(MIN_CHECKPOINT_WRITE_MARGIN) > 0
                ? batchDuration : MIN_CHECKPOINT_WRITE_MARGIN);
    }

    public CheckpointTracker(String threadName, Duration safetyDelay) {
        this(threadName, safetyDelay, System::currentTimeMillis);
    }

    /** With the given clock (milliseconds), for tests. */
    public CheckpointTracker(String threadName, Duration safetyDelay, LongSupplier clockMillis) {
        this.safetyDelayMillis = safetyDelay.toMillis();
        this.clockMillis = clockMillis;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts checkpointing every {@code interval}. */
    public void start(Duration interval) {
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::checkpointAllSafely, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Starts tracking a shard this worker now owns (replacing any earlier state of that shard). */
    public ShardCheckpointState register(String shardId) {
        ShardCheckpointState state = new ShardCheckpointState(shardId, safetyDelayMillis, clockMillis);
        ShardCheckpointState previous = shards.put(shardId, state);
        if (previous != null) {
            previous.close();
        }
        return state;
    }

    /** Stops tracking a shard (lease lost or shard ended); no further checkpoint is written for it. */
    public void unregister(ShardCheckpointState state) {
        state.close();
        shards.remove(state.shardId(), state);
    }

    /** Checkpoints every tracked shard that has stored records beyond its last checkpoint. */
    public void checkpointAll() {
        for (ShardCheckpointState state : shards.values()) {
            state.checkpointIfBehind();
            if (state.isClosed()) {
                shards.remove(state.shardId(), state);
            }
        }
    }

    private void checkpointAllSafely() {
        try {
            checkpointAll();
        } catch (RuntimeException e) {
            // The timer must survive a bad round; the next one retries.
            LOG.error("Periodic checkpoint failed", e);
        }
    }

    public int trackedShardCount() {
        return shards.size();
    }

    /** Stops the timer. Does not checkpoint: the KCL's graceful shutdown does that for each shard. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
