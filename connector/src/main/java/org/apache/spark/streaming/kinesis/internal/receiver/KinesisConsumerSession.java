package org.apache.spark.streaming.kinesis.internal.receiver;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.streaming.kinesis.internal.aws.AwsClients;
import org.apache.spark.streaming.kinesis.internal.aws.AwsFailureExplainer;
import org.apache.spark.streaming.kinesis.internal.aws.ClientEndpoints;
import org.apache.spark.streaming.kinesis.internal.aws.UnansweredCallException;
import org.apache.spark.streaming.kinesis.internal.checkpoint.CheckpointTracker;
import org.apache.spark.streaming.kinesis.internal.config.FanOutSettings;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfig;
import org.apache.spark.streaming.kinesis.internal.fanout.StreamConsumerException;
import org.apache.spark.streaming.kinesis.internal.fanout.StreamConsumerRegistrar;
import org.apache.spark.streaming.kinesis.internal.kcl.ClientVersionBootstrapper;
import org.apache.spark.streaming.kinesis.internal.kcl.FirstWorkerHeartbeat;
import org.apache.spark.streaming.kinesis.internal.kcl.KclConfiguration;
import org.apache.spark.streaming.kinesis.internal.kcl.KclThreadWorkarounds;
import org.apache.spark.streaming.kinesis.internal.kcl.LeaseTableProvisioner;
import org.apache.spark.streaming.kinesis.internal.kcl.ReceiverPrefetchBudget;
import org.apache.spark.streaming.kinesis.internal.kcl.ShardLeaseBootstrapper;
import org.apache.spark.streaming.kinesis.internal.kcl.WorkerHandoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.coordinator.WorkerStateChangeListener;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;

/**
 * One run of a receiver, from {@code onStart} to {@code onStop}: its AWS clients, its KCL scheduler on a
 * dedicated thread, and its checkpoint timer.
 *
 * <p>Stopping is graceful: no block is stored after the stop began ({@link StoreGate}); the KCL asks every shard
 * processor to checkpoint what the driver confirmed recoverable, then shuts the scheduler down; the worker then
 * hands its shards over ({@link WorkerHandoff}) so other receivers take them at once instead of waiting for them
 * to expire; finally the clients and threads are closed.
 */
final class KinesisConsumerSession<T> {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisConsumerSession.class);
    private static final Duration GRACEFUL_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration THREAD_JOIN_TIMEOUT = Duration.ofSeconds(30);
    /** Longer than the SDK's own retries of a refused connection or a throttled call take. */
    private static final Duration SETUP_CALL_TIMEOUT = Duration.ofSeconds(30);

    private final KinesisReceiver<T> receiver;
    private final KinesisConsumerConfig config;
    private final Duration checkpointInterval;
    private final String workerId;
    private final CheckpointTracker checkpoints;
    private final StoreGate storeGate = new StoreGate();
    private final Object lock = new Object();
    private final Thread schedulerThread;
    private AwsClients clients;
    private KclConfiguration kcl;
    private Scheduler scheduler;
    private boolean stopping;

    KinesisConsumerSession(KinesisReceiver<T> receiver, KinesisConsumerConfig config, Duration checkpointInterval) {
        this.receiver = receiver;
        this.config = config;
        this.checkpointInterval = checkpointInterval;
        this.workerId = workerId(receiver.executorId());
        String threadSuffix = config.streamName() + "-" + receiver.streamId();
        this.checkpoints = new CheckpointTracker("kinesis-checkpointer-" + threadSuffix, workerId, receiver.driver());
        this.schedulerThread = new Thread(this::run, "kinesis-receiver-" + threadSuffix);
        this.schedulerThread.setDaemon(true);
    }

    String workerId() {
        return workerId;
    }

    void start() {
        LOG.info("Starting Kinesis receiver {} as KCL worker {}: {}", receiver.streamId(), workerId, config);
        schedulerThread.start();
    }

    private void run() {
        try {
            Scheduler started = prepareScheduler();
            if (started == null) {
                return;
            }
            checkpoints.start(checkpointInterval);
            started.run();
            if (!isStopping()) {
                receiver.restartAfter("The KCL scheduler of stream " + config.streamName() + " stopped on its own",
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            if (!isStopping()) {
                receiver.restartAfter("The Kinesis receiver of stream " + config.streamName() + " failed", e);
            }
        }
    }

    /** Creates clients, checks the stream, prepares the lease table; null if stopped meanwhile or failed. */
    private Scheduler prepareScheduler() throws InterruptedException {
        AwsClients newClients = new AwsClients(config);
        synchronized (lock) {
            clients = newClients;
            if (stopping) {
                return null;
            }
        }
        if (!checkStream(newClients) || !prepareLeaseTable(newClients)) {
            return null;
        }
        String fanOutConsumerArn = null;
        if (config.fanOut().isPresent()) {
            fanOutConsumerArn = fanOutConsumer(newClients, config.fanOut().get());
            if (fanOutConsumerArn == null) {
                return null;
            }
        }
        // With enhanced fan-out no shard reserves from the budget, and giving back a batch is then a no-op.
        ReceiverPrefetchBudget prefetchBudget =
                new ReceiverPrefetchBudget(config.polling().maxPrefetchBytesPerReceiver());
        ShardRecordProcessorFactory processors = KinesisShardRecordProcessor.factory(config.streamName(),
                receiver.converter(), receiver.blockWriter(storeGate), checkpoints, new FailureHandler(),
                receiver.failures(), this::isStopping, KclConfiguration.HANDOVER_CONFIRMATION_WAIT, prefetchBudget);
        KclConfiguration configuration = new KclConfiguration(config, newClients, workerId, processors,
                new SchedulerStateListener(), prefetchBudget, fanOutConsumerArn);
        try {
            // The receiver that records the client version of a new application is the one that writes its leases.
            if (ClientVersionBootstrapper.recordClientVersion3x(newClients.dynamoDb(), config.checkpointAppName(),
                    configuration.legacyCoordinatorStateTable(), workerId)) {
                ShardLeaseBootstrapper.createInitialLeases(configuration.leaseManagementConfig(),
                        configuration.streamConfig());
            } else {
                ShardLeaseBootstrapper.awaitLeases(configuration.leaseManagementConfig(),
                        ShardLeaseBootstrapper.LEASES_WAIT);
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            failSetup(explainKclFailure("prepare the lease table '" + config.checkpointAppName() + "' for stream '"
                    + config.streamName() + "'", newClients, e), e);
            return null;
        }
        announceWorker(newClients, configuration);
        receiver.failures().setupSucceeded();
        KclThreadWorkarounds.relaxLeaseAssignmentPool();
        synchronized (lock) {
            if (stopping) {
                return null;
            }
            kcl = configuration;
            scheduler = configuration.newScheduler();
            return scheduler;
        }
    }

    /**
     * Writes the worker's first heartbeat so that the leader's first assignment round counts this receiver. Only
     * start-up speed depends on it: if it fails, the KCL's own heartbeat follows and a later round assigns.
     */
    private void announceWorker(AwsClients newClients, KclConfiguration configuration) throws InterruptedException {
        try {
            FirstWorkerHeartbeat.write(newClients.dynamoDb(), config.checkpointAppName(),
                    configuration.legacyWorkerMetricsTable(), workerId, configuration.heartbeatPeriodMillis());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("Could not write the first heartbeat of KCL worker {} to lease table {}; the KCL writes it "
                    + "shortly, and the shards are assigned at a later round", workerId, config.checkpointAppName(),
                    e);
        }
    }

    private boolean checkStream(AwsClients newClients) throws InterruptedException {
        String action = "describe Kinesis stream '" + config.streamName() + "'";
        URI endpoint = ClientEndpoints.of(newClients.kinesis());
        try {
            StreamStatus status = newClients.kinesis()
                    .describeStreamSummary(b -> b.streamName(config.streamName()))
                    .get(SETUP_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .streamDescriptionSummary().streamStatus();
            if (status == StreamStatus.DELETING) {
                failSetup("Kinesis stream '" + config.streamName() + "' is being deleted", null, true);
                return false;
            }
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            failSetup(AwsFailureExplainer.explain(action, "Kinesis", endpoint.toString(), e), e);
            return false;
        } catch (TimeoutException e) {
            UnansweredCallException unanswered =
                    UnansweredCallException.probing("Kinesis", endpoint, SETUP_CALL_TIMEOUT, e);
            failSetup(AwsFailureExplainer.explain(action, "Kinesis", endpoint.toString(), unanswered), unanswered);
            return false;
        }
    }

    /**
     * The ARN of the ACTIVE enhanced fan-out consumer to read with (registered if the stream has none of that name);
     * null after a setup failure. The consumer is never deregistered by the receiver: other receivers and later runs
     * of the application read with it (see the operations guide for removing one).
     */
    private String fanOutConsumer(AwsClients newClients, FanOutSettings fanOut) throws InterruptedException {
        StreamConsumerRegistrar registrar = new StreamConsumerRegistrar(newClients.kinesis());
        try {
            return fanOut.consumerArn().isPresent() ? registrar.activeConsumer(fanOut.consumerArn().get())
                    : registrar.activeConsumer(config.streamName(), fanOut.consumerName().orElseThrow());
        } catch (StreamConsumerException e) {
            failSetup("Could not read stream '" + config.streamName() + "' with enhanced fan-out: "
                    + e.getMessage(), e, e.isPermanent());
            return null;
        }
    }

    private boolean prepareLeaseTable(AwsClients newClients) throws InterruptedException {
        try {
            new LeaseTableProvisioner(newClients.dynamoDb()).ensureLeaseTable(config.checkpointAppName());
            return true;
        } catch (RuntimeException e) {
            failSetup(AwsFailureExplainer.explain("create or find the DynamoDB lease table '"
                    + config.checkpointAppName() + "'", "DynamoDB", ClientEndpoints.of(newClients.dynamoDb())
                    .toString(), e), e);
            return false;
        }
    }

    private void failSetup(String message, Throwable cause) {
        failSetup(message, cause, cause != null && AwsFailureExplainer.isPermanent(cause));
    }

    private void failSetup(String message, Throwable cause, boolean permanent) {
        if (!isStopping()) {
            receiver.setupFailed(message, cause, permanent);
        }
    }

    /**
     * Explains the failure of a KCL step that calls both Kinesis and DynamoDB, naming the service whose error it
     * is when the error says (a connection failure does not).
     */
    private static String explainKclFailure(String action, AwsClients clients, Throwable failure) {
        String kinesis = ClientEndpoints.of(clients.kinesis()).toString();
        String dynamoDb = ClientEndpoints.of(clients.dynamoDb()).toString();
        String service = AwsFailureExplainer.serviceOf(failure);
        if ("DynamoDB".equals(service)) {
            return AwsFailureExplainer.explain(action, service, dynamoDb, failure);
        }
        if ("Kinesis".equals(service)) {
            return AwsFailureExplainer.explain(action, service, kinesis, failure);
        }
        return AwsFailureExplainer.explain(action, "Kinesis or DynamoDB", kinesis + " or " + dynamoDb, failure);
    }

    boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** Stops gracefully; see the class documentation. Safe to call more than once and before start finished. */
    void stop() {
        Scheduler running;
        synchronized (lock) {
            if (stopping) {
                return;
            }
            stopping = true;
            running = scheduler;
        }
        storeGate.close();
        if (running != null) {
            shutDownGracefully(running);
        } else {
            schedulerThread.interrupt();
        }
        joinSchedulerThread();
        checkpoints.close();
        if (running != null) {
            WorkerHandoff.handOff(kcl.leaseManagementConfig(), workerId);
        }
        AwsClients toClose;
        synchronized (lock) {
            toClose = clients;
        }
        if (toClose != null) {
            toClose.close();
        }
        LOG.info("Stopped Kinesis receiver {} (KCL worker {})", receiver.streamId(), workerId);
    }

    private void shutDownGracefully(Scheduler running) {
        boolean clean = false;
        try {
            clean = running.startGracefulShutdown()
                    .get(GRACEFUL_SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            LOG.warn("Graceful shutdown of KCL worker {} failed", workerId, e);
        }
        if (!clean) {
            LOG.warn("The KCL scheduler of worker {} did not shut down gracefully; stopping it now", workerId);
            running.shutdown();
        }
        KclThreadWorkarounds.closeLeaseDiscoveryPool(running);
    }

    private void joinSchedulerThread() {
        try {
            schedulerThread.join(THREAD_JOIN_TIMEOUT.toMillis());
            if (schedulerThread.isAlive()) {
                LOG.warn("The KCL scheduler thread of worker {} is still running after {} s", workerId,
                        THREAD_JOIN_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String workerId(String executorId) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":executor-" + executorId + ":" + UUID.randomUUID();
    }

    /** Turns the KCL giving up on initialization into a receiver error instead of a silent stop. */
    private final class SchedulerStateListener implements WorkerStateChangeListener {
        @Override
        public void onWorkerStateChange(WorkerState newState) {
            LOG.debug("KCL worker {} is {}", workerId, newState);
        }

        @Override
        public void onAllInitializationAttemptsFailed(Throwable e) {
            AwsClients current;
            synchronized (lock) {
                current = clients;
            }
            failSetup(explainKclFailure("initialize the KCL for stream '" + config.streamName() + "'", current, e),
                    e);
        }
    }

    /** Failures of the shard processors, to the receiver; restarts are skipped once this session is stopping. */
    private final class FailureHandler implements ReceiverFailureHandler {
        @Override
        public void restartAfter(String message, Throwable cause) {
            unlessStopping(message, () -> receiver.restartAfter(message, cause));
        }

        @Override
        public void stopStreaming(String message, Throwable cause) {
            unlessStopping(message, () -> receiver.stopStreaming(message, cause));
        }

        @Override
        public void report(String message, Throwable cause) {
            receiver.report(message, cause);
        }

        /** A KCL thread outliving its session must not restart or stop what replaced it. */
        private void unlessStopping(String message, Runnable action) {
            if (isStopping()) {
                LOG.info("{} (KCL worker {} is stopping)", message, workerId);
            } else {
                action.run();
            }
        }
    }
}
