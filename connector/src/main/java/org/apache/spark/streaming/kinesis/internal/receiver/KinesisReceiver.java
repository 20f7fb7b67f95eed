package org.apache.spark.streaming.kinesis.internal.receiver;

import java.time.Duration;
import org.apache.spark.SparkEnv;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfig;
import org.apache.spark.streaming.kinesis.internal.config.ReceiverSettings;
import org.apache.spark.streaming.kinesis.internal.coordination.DriverLink;
import org.apache.spark.streaming.kinesis.internal.coordination.RpcDriverLink;
import org.apache.spark.streaming.receiver.Receiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark receiver of a Kinesis DStream: one KCL worker that reads the shards leased to it and stores their
 * records in Spark. Several receivers of the same application (one per DStream, or one per process) share the
 * stream's shards through the lease table.
 *
 * <p>Spark serializes it to an executor and calls {@link #onStart()}; {@link #onStop()} on shutdown or restart.
 * It talks to its DStream on the driver (see {@code DriverCoordinator}) to learn how far it may checkpoint, and to
 * stop the streaming context when restarting cannot help.
 */
public final class KinesisReceiver<T> extends Receiver<T> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KinesisReceiver.class);

    private static final String BLOCK_INTERVAL_KEY = "spark.streaming.blockInterval";
    private static final String DEFAULT_BLOCK_INTERVAL = "200ms";

    private final KinesisConsumerConfig config;
    private final Duration checkpointInterval;
    private final RecordConverter<T> converter;
    private final String coordinatorEndpoint;
    private final ReceiverSettings settings;
    private transient KinesisConsumerSession<T> session;
    private transient boolean restartRequested;
    private transient FailureBudget failures;
    private transient DriverLink driver;

    /**
     * @param coordinatorEndpoint the RPC endpoint name of the DStream's coordinator on the driver
     */
    public KinesisReceiver(KinesisConsumerConfig config, Duration checkpointInterval, RecordConverter<T> converter,
            String coordinatorEndpoint, ReceiverSettings settings) {
        super(config.storageLevel());
        this.config = config;
        this.checkpointInterval = checkpointInterval;
        this.converter = converter;
        this.coordinatorEndpoint = coordinatorEndpoint;
        this.settings = settings;
    }

    @Override
    public void onStart() {
        KinesisConsumerSession<T> previous;
        KinesisConsumerSession<T> started;
        synchronized (this) {
            // Spark pairs onStart with onStop, but two overlapping restarts could start twice: never keep two.
            previous = session;
            session = new KinesisConsumerSession<>(this, config, checkpointInterval);
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

    BlockWriter<T> blockWriter(StoreGate gate) {
        return new BlockWriter<>(config.streamName(), new CoalescingBlockStore<>((values, ranges, sizeBytes) -> store(values, ranges)),
                new ReceiverRateLimiter(this::currentRateLimit),
                blockIntervalMillis(), gate);
    }

    /** The driver side of this receiver's DStream. */
    synchronized DriverLink driver() {
        if (driver == null) {
            driver = new RpcDriverLink(coordinatorEndpoint);
        }
        return driver;
    }

    /** Failures counted across this receiver's restarts. */
    synchronized FailureBudget failures() {
        if (failures == null) {
            failures = new FailureBudget(settings);
        }
        return failures;
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
     * Setting the receiver up failed. Errors that waiting cannot fix stop the streaming context once they repeated
     * {@code spark.streaming.kinesis.setupFailure.maxAttempts} times; all others restart the receiver.
     *
     * @param permanent whether waiting cannot fix the error (missing stream, rejected credentials)
     */
    void setupFailed(String message, Throwable cause, boolean permanent) {
        FailureBudget budget = failures();
        if (budget.setupFailed(message, permanent) == FailureBudget.Decision.STOP_STREAMING) {
            stopStreaming(message + " (" + budget.setupFailures() + " attempts; set "
                    + ReceiverSettings.SETUP_MAX_ATTEMPTS_KEY + " to retry longer, 0 to retry forever)", cause);
        } else {
            restartAfter(message, cause);
        }
    }

    /**
     * Reports the failure and asks the driver to stop the streaming context with it; restarts this receiver if the
     * driver cannot be told.
     */
    void stopStreaming(String message, Throwable cause) {
        if (reportFailure(message, cause) && !driver().reportFatal(message, cause)) {
            requestRestart(message, cause);
        }
    }

    /** Reports something the user must know about to Spark (listeners, the UI) and the log, and goes on. */
    void report(String message, Throwable cause) {
        LOG.warn(message, cause);
        reportError(message, cause);
    }

    /**
     * Reports the failure to Spark and restarts this receiver (which resumes from the last checkpoints). Every
     * failure is reported; only the first one of a run triggers the restart.
     */
    void restartAfter(String message, Throwable cause) {
        if (reportFailure(message, cause)) {
            requestRestart(message, cause);
        }
    }

    /** Logs the failure and reports it to Spark; false if the receiver is stopping anyway. */
    private boolean reportFailure(String message, Throwable cause) {
        if (isStopped()) {
            LOG.warn("{} (the receiver is already stopping)", message, cause);
            return false;
        }
        LOG.error(message, cause);
        // reportError reaches StreamingListener.onReceiverError and the UI.
        reportError(message, cause);
        return true;
    }

    private void requestRestart(String message, Throwable cause) {
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
