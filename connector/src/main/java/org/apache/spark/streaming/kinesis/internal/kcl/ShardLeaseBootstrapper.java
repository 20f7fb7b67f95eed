package org.apache.spark.streaming.kinesis.internal.kcl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.common.StreamConfig;
import software.amazon.kinesis.coordinator.streamInfo.StreamIdCache;
import software.amazon.kinesis.coordinator.streamInfo.StreamIdOnboardingState;
import software.amazon.kinesis.leases.HierarchicalShardSyncer;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.LeaseRefresher;
import software.amazon.kinesis.leases.ShardDetector;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseManagementFactory;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;
import software.amazon.kinesis.metrics.NullMetricsScope;

/**
 * Writes the first shard leases of a new application with the KCL's own shard syncer, before the scheduler
 * starts.
 *
 * <p>A KCL scheduler that finds an empty lease table waits a random 1-30 s (polling every 3 s) before one worker
 * creates the leases, so that workers starting together do not all list the shards. That wait is the bulk of the
 * time to the first record of a new application. Creating the leases here does exactly what the elected worker
 * would do (the same {@link HierarchicalShardSyncer} call, with the application's initial position), and is safe
 * when several receivers do it at once: lease creation is conditional. Existing tables are left to the KCL.
 *
 * <p>The KCL's syncer decides which leases to create (into {@link PlannedLeases}); they are written
 * {@link #LEASE_WRITES_IN_FLIGHT} at a time. Only one receiver of a new application creates them: when the 8
 * receivers of a 1,024-shard application all did it at once, one lease at a time each (8,192 writes), the leases took
 * 65 s to write and no shard was read before. The others {@link #awaitLeases wait} for the first leases instead.
 */
public final class ShardLeaseBootstrapper {

    private static final Logger LOG = LoggerFactory.getLogger(ShardLeaseBootstrapper.class);

    /**
     * How long a receiver that does not create the leases waits for the first of them: about the time one receiver
     * takes to write the leases of a thousand shards. After it, the KCL's own first lease sync takes over.
     */
    public static final Duration LEASES_WAIT = Duration.ofSeconds(30);
    private static final long LEASES_POLL_MILLIS = 250;

    /**
     * Lease writes in flight at once while creating the leases: the KCL writes them one at a time, so a new
     * application of 1,024 shards waited for 1,024 round trips (more than 90 s on the loaded test machine) before its
     * last shard could be read. Each write is one small conditional item; on-demand DynamoDB takes thousands a second.
     */
    static final int LEASE_WRITES_IN_FLIGHT = 16;

    private ShardLeaseBootstrapper() {
    }

    /**
     * Waits (at most {@code timeout}) until the lease table holds a lease, written by the receiver that creates them.
     *
     * @return true if a lease is there
     */
    public static boolean awaitLeases(LeaseManagementConfig leaseConfig, Duration timeout) throws Exception {
        LeaseRefresher leaseRefresher =
                new DynamoDBLeaseManagementFactory(leaseConfig, new DynamoDBLeaseSerializer(), false)
                        .createLeaseRefresher();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (leaseRefresher.isLeaseTableEmpty()) {
            if (System.nanoTime() > deadline) {
                LOG.info("No shard lease in {} after {}; leaving the first lease sync to the KCL",
                        leaseConfig.tableName(), timeout);
                return false;
            }
            Thread.sleep(LEASES_POLL_MILLIS);
        }
        return true;
    }

    /**
     * Creates leases for the stream's shards if the lease table has none.
     *
     * @return true if the table was empty and leases were created
     * @throws Exception whatever listing the shards or writing the leases throws (for example a
     *                   {@code ResourceNotFoundException} when the stream does not exist)
     */
    public static boolean createInitialLeases(LeaseManagementConfig leaseConfig, StreamConfig streamConfig)
            throws Exception {
        if (leaseConfig.streamIdOnboardingState() != StreamIdOnboardingState.NOT_ONBOARDED) {
            // Stream-id onboarding needs the scheduler's stream info machinery: leave the first sync to the KCL.
            return false;
        }
        // The KCL's JVM-wide stream id cache must exist before the shard detector lists shards. Without
        // onboarding it never consults its manager, and the scheduler initializes it the same way later (the
        // first initialization wins, so that later call is a no-op).
        StreamIdCache.initialize(null, StreamIdOnboardingState.NOT_ONBOARDED);
        DynamoDBLeaseManagementFactory factory =
                new DynamoDBLeaseManagementFactory(leaseConfig, new DynamoDBLeaseSerializer(), false);
        LeaseRefresher leaseRefresher = factory.createLeaseRefresher();
        if (!leaseRefresher.isLeaseTableEmpty()) {
            return false;
        }
        ShardDetector shardDetector = factory.createShardDetector(streamConfig);
        PlannedLeases planned = new PlannedLeases();
        new HierarchicalShardSyncer(false, streamConfig.streamIdentifier().toString())
                .checkAndCreateLeaseForNewShards(shardDetector, planned.table(),
                        streamConfig.initialPositionInStreamExtended(), new NullMetricsScope(), false, true);
        long start = System.nanoTime();
        int created = createInParallel(planned.leases(), leaseRefresher::createLeaseIfNotExists);
        LOG.info("Created {} of the {} initial shard leases of {} for stream {} in {} ms", created,
                planned.leases().size(), leaseConfig.tableName(), streamConfig.streamIdentifier().streamName(),
                (System.nanoTime() - start) / 1_000_000);
        return !planned.leases().isEmpty();
    }

    /** One conditional lease write: true if the lease was created, false if it existed. */
    interface LeaseWrite {
        boolean createIfNotExists(Lease lease) throws Exception;
    }

    /** Writes each lease unless it exists, {@link #LEASE_WRITES_IN_FLIGHT} at a time; returns how many it wrote. */
    static int createInParallel(List<Lease> leases, LeaseWrite write) throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(Math.max(1, Math.min(LEASE_WRITES_IN_FLIGHT,
                leases.size())), runnable -> {
                    Thread thread = new Thread(runnable, "shard-lease-bootstrap");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<Boolean>> writes = new ArrayList<>(leases.size());
            for (Lease lease : leases) {
                writes.add(writers.submit(() -> write.createIfNotExists(lease)));
            }
            int created = 0;
            for (Future<Boolean> written : writes) {
                try {
                    if (written.get()) {
                        created++;
                    }
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Exception) {
                        throw (Exception) e.getCause();
                    }
                    throw e;
                }
            }
            return created;
        } finally {
            writers.shutdownNow();
        }
    }
}
