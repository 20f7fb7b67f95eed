package org.apache.spark.streaming.kinesis.internal.kcl;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.apache.spark.streaming.kinesis.KinesisInitialPosition;
import org.apache.spark.streaming.kinesis.KinesisInitialPositions;
import org.apache.spark.streaming.kinesis.internal.aws.AwsClients;
import org.apache.spark.streaming.kinesis.internal.config.KclTuning;
import org.apache.spark.streaming.kinesis.internal.config.KinesisConsumerConfig;
import org.apache.spark.streaming.kinesis.internal.config.PollingSettings;
import software.amazon.kinesis.checkpoint.CheckpointConfig;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.common.StreamConfig;
import software.amazon.kinesis.common.StreamIdentifier;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.coordinator.WorkerStateChangeListener;
import software.amazon.kinesis.leases.LeaseAssignmentStrategy;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.lifecycle.LifecycleConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.ProcessorConfig;
import software.amazon.kinesis.processor.ShardRecordProcessorFactory;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;
import software.amazon.kinesis.retrieval.fanout.FanOutConfig;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * The KCL configuration of one receiver: which stream, where the leases live, how leases are assigned and how
 * shards are polled. The choices that differ from the KCL's defaults, and why:
 * <ul>
 *   <li><b>Lease-count-based assignment</b> with worker metrics disabled. KCL 3 otherwise balances leases by the
 *       CPU of the whole host, read from /proc, cgroups or EC2/ECS metadata. A receiver is one task inside a
 *       Spark executor that runs many other tasks, so host CPU says nothing about its share of the work; equal
 *       shard counts per receiver are the balance Spark users expect.</li>
 *   <li><b>Polling retrieval</b> ({@code GetRecords}) by default, as Spark's connector does; a shard that is
 *       behind is read again without the idle pause (see {@link CatchUpSleepTimeController}), and all the shards
 *       of a receiver share one read-ahead budget ({@link ReceiverPrefetchBudget}), so its memory does not grow
 *       with its shards. With enhanced fan-out, the KCL's own fan-out retrieval, with the consumer the receiver
 *       found or registered before (so the KCL never registers one itself).</li>
 *   <li><b>Faster lease assignment</b> (see {@link KclTuning#DEFAULT_LEASE_ASSIGNMENT_INTERVAL}) so that a new
 *       application or receiver gets its shards within seconds.</li>
 *   <li><b>CloudWatch metrics off</b> when the metrics level is NONE (a null metrics factory: no CloudWatch
 *       calls at all).</li>
 * </ul>
 */
public final class KclConfiguration {

    /**
     * How often the scheduler loop moves shard consumers through their states (KCL default 1 s). Each new shard
     * goes through several states before its first read, so this adds up at start and after resharding; the
     * loop itself only touches in-memory state for a single stream.
     */
    static final long SHARD_CONSUMER_DISPATCH_INTERVAL_MILLIS = 250;

    /**
     * The worker's first lease-table heartbeat ("worker metrics", sent even with CPU metrics disabled) comes two
     * capture periods after start, and the leader only assigns leases to workers that have one; its first assignment
     * round runs as soon as it is elected, a few tens of milliseconds after the heartbeat is scheduled. A round that
     * finds no worker ("Not able to assign all expiredOrUnAssignedLeases") leaves a new application's shards waiting
     * for the next one, 2 s later. With the KCL default (1 s) the first round always missed; at 100 ms it still
     * missed in a new JVM (4 runs of 4: first record 6.0-6.2 s after {@code start()}), where the heartbeat's first
     * write is slow; at 10 ms it was in time in 2 runs of 4 (4.2-4.5 s). With CPU metrics disabled the capture
     * measures nothing, so a hundred runs a second cost nothing measurable (same CPU per record in the pair). The
     * receiver now writes that first heartbeat itself before the scheduler starts ({@link FirstWorkerHeartbeat}:
     * 4.2-4.7 s in 4 runs of 4); this period matters when that write fails.
     */
    static final long WORKER_METRICS_CAPTURE_MILLIS = 10;

    /**
     * How long a shard processor handing its lease to another receiver waits for the driver to confirm the records
     * it stored, so that the new owner starts right after them: two thirds of the KCL's graceful hand-over timeout
     * (after which the new owner takes the lease anyway), leaving time for the checkpoint itself.
     */
    public static final Duration HANDOVER_CONFIRMATION_WAIT = Duration.ofMillis(
            LeaseManagementConfig.GracefulLeaseHandoffConfig.builder().build().gracefulLeaseHandoffTimeoutMillis()
                    * 2 / 3);

    private final ConfigsBuilder configs;
    private final StreamConfig streamConfig;
    private final LeaseManagementConfig leaseManagementConfig;
    private final CoordinatorConfig coordinatorConfig;
    private final RetrievalConfig retrievalConfig;
    private final MetricsConfig metricsConfig;

    /**
     * @param prefetchBudget the receiver's, shared with its record processors (they give back the batches they
     *     stored); used by polling only
     * @param fanOutConsumerArn the ACTIVE consumer to read with when the stream is read with enhanced fan-out; null
     *                          when it is polled
     */
    public KclConfiguration(KinesisConsumerConfig config, AwsClients clients, String workerId,
            ShardRecordProcessorFactory processorFactory, WorkerStateChangeListener stateListener,
            ReceiverPrefetchBudget prefetchBudget, String fanOutConsumerArn) {
        KclTuning tuning = config.kclTuning();
        InitialPositionInStreamExtended initialPosition = toKcl(config.initialPosition());
        StreamIdentifier stream = StreamIdentifier.singleStreamInstance(config.streamName());
        this.streamConfig = new StreamConfig(stream, initialPosition);
        SingleStreamTracker tracker = new SingleStreamTracker(stream, streamConfig);
        this.configs = new ConfigsBuilder(tracker, config.checkpointAppName(), clients.kinesis(), clients.dynamoDb(),
                clients.cloudWatch(), workerId, processorFactory);

        this.leaseManagementConfig = configs.leaseManagementConfig()
                .initialPositionInStream(initialPosition)
                .failoverTimeMillis(tuning.failoverTime().toMillis())
                .leaseAssignmentIntervalMillis(tuning.leaseAssignmentInterval().toMillis())
                .leaseAssignmentStrategy(LeaseAssignmentStrategy.LEASE_COUNT_BASED);
        leaseManagementConfig.workerUtilizationAwareAssignmentConfig()
                .disableWorkerMetrics(true)
                .inMemoryWorkerMetricsCaptureFrequencyMillis(WORKER_METRICS_CAPTURE_MILLIS)
                // The leader keeps assigning leases to a worker until its heartbeat is two periods old (KCL
                // default 30 s, so a minute): a crashed receiver would be handed shards it never reads.
                // Half the failover time makes a dead worker disappear as fast as its leases expire.
                .workerMetricsReporterFreqInMillis(tuning.failoverTime().toMillis() / 2);
        // The leader (who assigns leases) holds a DynamoDB lock; if it dies, nobody assigns leases until the
        // lock expires (KCL default 2 minutes), and only then does the next leader start watching the dead
        // worker's leases expire, so the two add up. A lock of one failover time, renewed four times in it, keeps
        // a lost receiver's shards idle for about two failover times.
        leaseManagementConfig
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(tuning.failoverTime().toMillis())
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(tuning.failoverTime().toMillis() / 4);

        this.coordinatorConfig = configs.coordinatorConfig()
                .parentShardPollIntervalMillis(tuning.parentShardPollInterval().toMillis())
                .shardConsumerDispatchPollIntervalMillis(SHARD_CONSUMER_DISPATCH_INTERVAL_MILLIS)
                .workerStateChangeListener(stateListener);

        this.retrievalConfig = configs.retrievalConfig().retrievalSpecificConfig(fanOutConsumerArn != null
                ? new FanOutConfig(clients.kinesis()).streamName(config.streamName())
                        .applicationName(config.checkpointAppName()).consumerArn(fanOutConsumerArn)
                : pollingConfig(config.streamName(), clients, config.polling(), prefetchBudget));

        this.metricsConfig = configs.metricsConfig()
                .metricsLevel(config.metricsLevel())
                .metricsEnabledDimensions(config.metricsEnabledDimensions());
        if (config.metricsLevel() == MetricsLevel.NONE) {
            metricsConfig.metricsFactory(new NullMetricsFactory());
        }
    }

    static PollingConfig pollingConfig(String streamName, AwsClients clients, PollingSettings settings,
            ReceiverPrefetchBudget prefetchBudget) {
        PollingConfig polling = new PollingConfig(streamName, clients.kinesis())
                .maxRecords(settings.maxRecordsPerRead())
                .idleTimeBetweenReadsInMillis(settings.idleTimeBetweenReads().toMillis())
                .sleepTimeController(new CatchUpSleepTimeController(settings.idleTimeBetweenReads(),
                        PollingSettings.MIN_TIME_BETWEEN_READS, Clock.systemUTC()));
        polling.recordsFetcherFactory(new BudgetedRecordsFetcherFactory(prefetchBudget, streamName));
        polling.dataFetcherProvider(fetcher -> new BudgetedDataFetcher(clients.kinesis(), fetcher, prefetchBudget));
        polling.recordsFetcherFactory().maxByteSize((int) settings.maxPrefetchBytesPerShard());
        return polling;
    }

    /** The KCL equivalent of a Spark initial position. */
    static InitialPositionInStreamExtended toKcl(KinesisInitialPosition position) {
        if (position instanceof KinesisInitialPositions.AtTimestamp atTimestamp) {
            Date timestamp = atTimestamp.getTimestamp();
            return InitialPositionInStreamExtended.newInitialPositionAtTimestamp(timestamp);
        }
        return InitialPositionInStreamExtended.newInitialPosition(position.getPosition());
    }

    public StreamConfig streamConfig() {
        return streamConfig;
    }

    public LeaseManagementConfig leaseManagementConfig() {
        return leaseManagementConfig;
    }

    /** The separate coordinator-state table KCL 3.0 to 3.4 used ({@code <app>-CoordinatorState}). */
    public String legacyCoordinatorStateTable() {
        return coordinatorConfig.coordinatorStateTableConfig().tableName();
    }

    /** The separate heartbeat table KCL 3.0 to 3.4 kept ({@code <app>-WorkerMetricStats}). */
    public String legacyWorkerMetricsTable() {
        return leaseManagementConfig.workerUtilizationAwareAssignmentConfig().workerMetricsTableConfig().tableName();
    }

    /** How often the KCL writes the worker's heartbeat to the lease table. */
    public long heartbeatPeriodMillis() {
        return leaseManagementConfig.workerUtilizationAwareAssignmentConfig().workerMetricsReporterFreqInMillis();
    }

    /** A new scheduler; it does nothing until {@link Scheduler#run()} is called. */
    public Scheduler newScheduler() {
        CheckpointConfig checkpointConfig = configs.checkpointConfig();
        LifecycleConfig lifecycleConfig = configs.lifecycleConfig();
        ProcessorConfig processorConfig = configs.processorConfig();
        return new Scheduler(checkpointConfig, coordinatorConfig, leaseManagementConfig, lifecycleConfig,
                metricsConfig, processorConfig, retrievalConfig);
    }
}
