package org.apache.spark.streaming.kinesis.internal.kcl;

import java.lang.reflect.Field;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.coordinator.assignment.LeaseAssignmentManager;
import software.amazon.kinesis.leases.LeaseCoordinator;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseCoordinator;

/**
 * Works around two thread-lifecycle bugs of KCL 3.5.1 that a Spark application would otherwise feel:
 * <ul>
 *   <li>The lease discovery pool of each scheduler is never shut down (fixed upstream in amazon-kinesis-client
 *       PR #1815, not yet released): every receiver restart would leave up to five idle threads behind.</li>
 *   <li>A JVM-wide lease assignment pool is created with non-daemon threads that never time out: once a receiver
 *       ran in the driver (local mode), the application's JVM could not exit after {@code main} returned.</li>
 * </ul>
 * Both fixes use only public {@link ThreadPoolExecutor} methods on the KCL's own pools, found by field name. If a
 * later KCL renames the fields (or fixes the bugs), they do nothing and say so at debug level.
 */
public final class KclThreadWorkarounds {

    private static final Logger LOG = LoggerFactory.getLogger(KclThreadWorkarounds.class);
    private static final String LEASE_DISCOVERY_POOL = "leaseDiscoveryThreadPool";
    private static final String LEASE_ASSIGNMENT_POOL = "LEASE_ASSIGNMENT_CALL_THREAD_POOL";
    private static final long IDLE_THREAD_TIMEOUT_SECONDS = 60;
    private static final AtomicInteger ASSIGNMENT_THREADS = new AtomicInteger();

    private KclThreadWorkarounds() {
    }

    /**
     * Makes the JVM-wide lease assignment pool use daemon threads that end when idle. Idempotent; call before a
     * scheduler runs (its threads are created on first use).
     */
    public static void relaxLeaseAssignmentPool() {
        ExecutorService pool = (ExecutorService) readField(LeaseAssignmentManager.class, null, LEASE_ASSIGNMENT_POOL);
        if (pool instanceof ThreadPoolExecutor executor && !(executor.getThreadFactory() instanceof DaemonFactory)) {
            executor.setThreadFactory(new DaemonFactory());
            executor.setKeepAliveTime(IDLE_THREAD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            executor.allowCoreThreadTimeOut(true);
        }
    }

    /** Shuts down the scheduler's lease discovery pool; call after the scheduler has shut down. */
    public static void closeLeaseDiscoveryPool(Scheduler scheduler) {
        LeaseCoordinator coordinator = scheduler.leaseCoordinator();
        if (coordinator instanceof DynamoDBLeaseCoordinator
                && readField(DynamoDBLeaseCoordinator.class, coordinator, LEASE_DISCOVERY_POOL)
                        instanceof ExecutorService pool) {
            pool.shutdownNow();
        }
    }

    private static Object readField(Class<?> owner, Object instance, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field.get(instance);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("KCL field {}.{} not found; workaround not applied", owner.getSimpleName(), name, e);
            return null;
        }
    }

    private static final class DaemonFactory implements ThreadFactory {
        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "kcl-lease-assignment-" + ASSIGNMENT_THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
