package org.apache.spark.streaming.kinesis.internal.checkpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.streaming.kinesis.internal.block.RecordPosition;
import org.apache.spark.streaming.kinesis.internal.coordination.DriverLink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shards a receiver session currently owns and a timer that, every checkpoint interval, asks the driver how
 * far each shard's stored records are recoverable and checkpoints them up to there, whether or not new records
 * arrived (an idle shard's last records still get checkpointed once their batch completes).
 */
public final class CheckpointTracker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointTracker.class);

    private final Map<String, ShardCheckpointState> shards = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final DriverLink driver;
    private final String sessionId;
    private final AtomicLong tenures = new AtomicLong();

    /**
     * @param sessionId unique to this receiver session (tenure ids are made from it)
     */
    public CheckpointTracker(String threadName, String sessionId, DriverLink driver) {
        this.sessionId = sessionId;
        this.driver = driver;
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

    /** Starts a new tenure of a shard this worker now owns (replacing any earlier state of that shard). */
    public ShardCheckpointState register(String shardId) {
        String tenureId = sessionId + "/" + shardId + "/" + tenures.incrementAndGet();
        ShardCheckpointState state = new ShardCheckpointState(shardId, tenureId);
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

    /** Asks the driver how far {@code state}'s records are recoverable now (for a hand-over or a shard end). */
    public void refresh(ShardCheckpointState state) {
        RecordPosition position = driver.recoverable(List.of(state.tenureId())).get(state.tenureId());
        state.confirmRecoverable(position);
    }

    /**
     * Learns from the driver how far every tracked shard is recoverable, then checkpoints each one that moved on.
     * A shard whose checkpoint fails does not keep the others from theirs.
     */
    public void checkpointAll() {
        List<ShardCheckpointState> states = new ArrayList<>(shards.values());
        if (states.isEmpty()) {
            return;
        }
        Map<String, RecordPosition> recoverable =
                driver.recoverable(states.stream().map(ShardCheckpointState::tenureId).toList());
        for (ShardCheckpointState state : states) {
            try {
                state.confirmRecoverable(recoverable.get(state.tenureId()));
                state.checkpointIfBehind();
            } catch (RuntimeException e) {
                LOG.warn("Could not checkpoint shard {}; retrying at the next checkpoint", state.shardId(), e);
            }
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
