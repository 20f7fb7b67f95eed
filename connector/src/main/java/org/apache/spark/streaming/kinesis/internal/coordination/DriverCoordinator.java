package org.apache.spark.streaming.kinesis.internal.coordination;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.apache.spark.SparkEnv;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.rpc.RpcEnv;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.kinesis.KinesisReceiverException;
import org.apache.spark.streaming.kinesis.internal.block.SequenceNumberRanges;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.OutputOperationInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchSubmitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of one Kinesis DStream's coordination with its receiver: it follows which batches hold which
 * blocks and how far the batches have run ({@link RecoverablePositions}, {@link BatchProgress}), answers the
 * receiver's questions over Spark's RPC ({@link CoordinatorEndpoint}), and turns a receiver's fatal error into a
 * failed streaming context.
 *
 * <p>It lives from the moment Spark asks the DStream for its receiver until the DStream stops. The endpoint's name
 * is unique, so a DStream recovered from a checkpoint, or a second streaming context in the same application,
 * never talks to an older coordinator.
 */
public final class DriverCoordinator {

    private static final Logger LOG = LoggerFactory.getLogger(DriverCoordinator.class);

    private final StreamingContext ssc;
    private final String streamName;
    private final String endpointName;
    private final RecoverablePositions positions = new RecoverablePositions();
    private final BatchProgress progress = new BatchProgress();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final RpcEnv rpcEnv;
    private final RpcEndpointRef endpoint;
    private final ScheduledExecutorService checkpointWatcher;
    private final StreamingListener batchListener;
    private volatile boolean stopped;

    private DriverCoordinator(StreamingContext ssc, String streamName, boolean checkpointBeforeBatchCompletes,
            long batchMillis, LongConsumer onBatchesRan) {
        this.ssc = ssc;
        this.streamName = streamName;
        this.endpointName = "kinesis-coordinator-" + UUID.randomUUID();
        this.rpcEnv = SparkEnv.get().rpcEnv();
        this.endpoint = rpcEnv.setupEndpoint(endpointName, new CoordinatorEndpoint(rpcEnv, this));
        this.batchListener = new StreamingListener() {
            @Override
            public void onBatchSubmitted(StreamingListenerBatchSubmitted submitted) {
                progress.submitted(submitted.batchInfo().batchTime().milliseconds());
            }

            @Override
            public void onBatchCompleted(StreamingListenerBatchCompleted completed) {
                BatchInfo batch = completed.batchInfo();
                progress.completed(batch.batchTime().milliseconds(), succeeded(batch));
                long ranThrough = progress.ranThrough();
                positions.safeThrough(ranThrough);
                onBatchesRan.accept(ranThrough);
            }
        };
        ssc.addStreamingListener(batchListener);
        String checkpointDir = ssc.checkpointDir();
        if (checkpointBeforeBatchCompletes && checkpointDir != null) {
            DStreamCheckpointProbe probe =
                    new DStreamCheckpointProbe(checkpointDir, ssc.sparkContext().hadoopConfiguration());
            this.checkpointWatcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "kinesis-dstream-checkpoint-watcher-" + streamName);
                thread.setDaemon(true);
                return thread;
            });
            checkpointWatcher.scheduleWithFixedDelay(new CheckpointWatch(probe), batchMillis, batchMillis,
                    TimeUnit.MILLISECONDS);
        } else {
            this.checkpointWatcher = null;
        }
    }

    /**
     * Starts coordinating a DStream of {@code streamName} (on the driver).
     *
     * @param checkpointBeforeBatchCompletes also count batches in a durable DStream checkpoint as safe (only
     *                                       when the context has a checkpoint directory)
     * @param batchMillis                    the batch duration
     * @param onBatchesRan                   told, after each batch that completes, the time up to which every
     *                                       batch has run
     */
    public static DriverCoordinator start(StreamingContext ssc, String streamName,
            boolean checkpointBeforeBatchCompletes, long batchMillis, LongConsumer onBatchesRan) {
        return new DriverCoordinator(ssc, streamName, checkpointBeforeBatchCompletes, batchMillis, onBatchesRan);
    }

    /** The name receivers look the endpoint up by. */
    public String endpointName() {
        return endpointName;
    }

    /**
     * Records the blocks of one batch interval, in the order they were stored, as computed for a batch whose time
     * is {@code runByBatch} or earlier.
     */
    public void blocksComputed(long runByBatch, List<SequenceNumberRanges> blocks) {
        positions.allocated(runByBatch, blocks);
    }

    RecoverablePositions positions() {
        return positions;
    }

    /** Stops the streaming context with the receiver's error (the first one only). */
    void receiverFailed(String message, String details) {
        if (stopped || !failed.compareAndSet(false, true)) {
            LOG.warn("Kinesis receiver of stream {} reported another fatal error: {}", streamName, message);
            return;
        }
        LOG.error("Stopping the streaming context: {}", message);
        // awaitTermination() rethrows what is reported here, as for a failed batch.
        ssc.scheduler().reportError(message, new KinesisReceiverException(message, details));
        // Stopping from an RPC thread would wait on the receivers, one of which is waiting for this answer.
        Thread stopper = new Thread(() -> ssc.stop(false, false), "kinesis-stop-after-receiver-failure");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** Unregisters the endpoint and stops watching; receivers asking afterwards get no answer. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        ssc.removeStreamingListener(batchListener);
        if (checkpointWatcher != null) {
            checkpointWatcher.shutdownNow();
        }
        rpcEnv.stop(endpoint);
    }

    private static boolean succeeded(BatchInfo batch) {
        scala.collection.Iterator<OutputOperationInfo> outputs = batch.outputOperationInfos().valuesIterator();
        while (outputs.hasNext()) {
            if (outputs.next().failureReason().isDefined()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Looks at the checkpoint directory when the oldest batch a receiver waits for did not complete within one
     * batch interval: in steady state batches complete within the interval and no directory listing is made.
     */
    private final class CheckpointWatch implements Runnable {
        private final DStreamCheckpointProbe probe;
        private long lastOldest = Long.MIN_VALUE;
        private boolean warned;

        CheckpointWatch(DStreamCheckpointProbe probe) {
            this.probe = probe;
        }

        @Override
        public void run() {
            OptionalLong oldest = positions.oldestUnsafeBatch();
            if (oldest.isEmpty() || oldest.getAsLong() != lastOldest) {
                lastOldest = oldest.isEmpty() ? Long.MIN_VALUE : oldest.getAsLong();
                return;
            }
            try {
                OptionalLong newest = probe.newestCheckpointTime();
                if (newest.isPresent()) {
                    positions.safeThrough(newest.getAsLong());
                }
                warned = false;
            } catch (IOException | RuntimeException e) {
                if (!warned) {
                    LOG.warn("Cannot list the DStream checkpoint directory {}; Kinesis checkpoints wait for batches "
                            + "to complete", probe, e);
                    warned = true;
                }
            }
        }
    }
}
