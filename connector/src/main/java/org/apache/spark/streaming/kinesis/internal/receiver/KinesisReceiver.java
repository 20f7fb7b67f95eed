package org.apache.spark.streaming.kinesis.internal.receiver;

import java.time.Duration;
import org.apache.spark.SparkEnv;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfig;
import org.apache.spark.streaming.receiver.Receiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark receiver of a Kinesis DStream: one KCL worker that reads the shards leased to it and stores their
 * records in Spark. Several receivers of the same application (one per DStream, or one per process) share the
 * stream's shards through the lease table.
 *
 * <p>Spark serializes it to an executor and calls {@link #onStart()}; {@link #onStop()} on shutdown or restart.
 */
public final class KinesisReceiver<T> extends Receiver<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KinesisReceiver.class);

    private static final String BLOCK_INTERVAL_KEY = "spark.streaming.blockInterval";
    private static final String DEFAULT_BLOCK_INTERVAL = "200ms";

    private final KinesisConsumerConfig config;
    private final Duration checkpointInterval;
    private final Duration checkpointSafetyDelay;
    private final RecordConverter<T> converter;
    private transient KinesisConsumerSession<T> session;
    private transient boolean restartRequested;

    /**
     * @param checkpointSafetyDelay how long a stored position waits before a periodic checkpoint may cover it (see
     *                              {@code CheckpointTracker})
     */
    public KinesisReceiver(KinesisConsumerConfig config, Duration checkpointInterval, Duration checkpointSafetyDelay,
            RecordConverter<T> converter) {
        super(config.storageLevel());
        this.config = config;
        this.checkpointInterval = checkpointInterval;
        this.checkpointSafetyDelay = checkpointSafetyDelay;
        this.converter = converter;
    }

    @Override
    public void onStart() {
        KinesisConsumerSession<T> previous;
        KinesisConsumerSession<T> started;
        synchronized (this) {
            // Spark pairs onStart with onStop, but two overlapping restarts could start twice: never keep two.
            previous = session;
            session = new KinesisConsumerSession<>(this, config, checkpointInterval, checkpointSafetyDelay);
            started = session;
            restartRequested = false;
        }
        if (previous != null) {
            previous.stop();
        }
        started.start();
    }

    @Override
    public void onStop() {
        KinesisConsumerSession<T> stopping;
        synchronized (this) {
            stopping = session;
            session = null;
        }
        if (stopping != null) {
            stopping.stop();
        }
    }

    /** The KCL worker id of the running session, or null when stopped. */
    public synchronized String workerId() {
        return session == null ? null : session.workerId();
    }

    KinesisConsumerConfig config() {
        return config;
    }

    RecordConverter<T> converter() {
        return converter;
    }

    BlockWriter<T> blockWriter() {
        return new BlockWriter<>(config.streamName(), this::store, new ReceiverRateLimiter(this::currentRateLimit),
                blockIntervalMillis(), this::isStopped);
    }

    /**
     * The rate Spark allows this receiver now: {@code spark.streaming.receiver.maxRate}, lowered by backpressure.
     * Spark keeps it in the receiver's supervisor (as for every receiver), which is where the driver's rate
     * updates arrive.
     */
    private long currentRateLimit() {
        return supervisor().getCurrentRateLimit();
    }

    private static long blockIntervalMillis() {
        SparkEnv env = SparkEnv.get();
        return env == null ? 200 : env.conf().getTimeAsMs(BLOCK_INTERVAL_KEY, DEFAULT_BLOCK_INTERVAL);
    }

    String executorId() {
        SparkEnv env = SparkEnv.get();
        return env == null ? "unknown" : env.executorId();
    }

    /**
     * Reports the failure to Spark and restarts this receiver (which resumes from the last checkpoints). Every
     * failure is reported; only the first one of a run triggers the restart.
     */
    void restartAfter(String message, Throwable cause) {
        if (isStopped()) {
            LOG.warn("{} (the receiver is already stopping)", message, cause);
            return;
        }
        LOG.error(message, cause);
        // reportError reaches StreamingListener.onReceiverError and the UI; restart stops and starts us again.
        reportError(message, cause);
        synchronized (this) {
            if (restartRequested) {
                return;
            }
            restartRequested = true;
        }
        if (cause == null) {
            restart(message);
        } else {
            restart(message, cause);
        }
    }
}
