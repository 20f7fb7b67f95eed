package org.apache.spark.streaming.kinesis.internal.kcl;

import java.lang.reflect.Field;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseCoordinator;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseCoordinator;

/**
 * Shuts down the KCL's lease discovery thread pool, which KCL 3.5.1 leaves running when its scheduler stops
 * (fixed upstream in amazon-kinesis-client PR #1815, not yet released). Without this every receiver restart
 * leaves up to five idle "LeaseDiscovery" threads behind. Once the KCL in use closes the pool itself this is a
 * no-op; if the field is ever renamed it does nothing and says so at debug level.
 */
public final class LeaseDiscoveryPoolCloser {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseDiscoveryPoolCloser.class);
    private static final String FIELD = "leaseDiscoveryThreadPool";

    private LeaseDiscoveryPoolCloser() {
    }

    /** Call after the scheduler has shut down. */
    public static void close(Scheduler scheduler) {
        LeaseCoordinator coordinator = scheduler.leaseCoordinator();
        if (!(coordinator instanceof DynamoDBLeaseCoordinator)) {
            return;
        }
        try {
            Field field = DynamoDBLeaseCoordinator.class.getDeclaredField(FIELD);
            field.setAccessible(true);
            Object pool = field.get(coordinator);
            if (pool instanceof ExecutorService executor) {
                executor.shutdownNow();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("Could not close the KCL lease discovery pool (a KCL without the leak?)", e);
        }
    }
}
