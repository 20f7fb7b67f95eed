package org.apache.spark.streaming.kinesis.internal.kcl;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.streaming.kinesis.internal.aws.AwsFailureExplainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.kinesis.leases.EntityType;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.LeaseRefresher;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseManagementFactory;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;

/**
 * What a worker does after its graceful shutdown so that the others take over at once: it releases the leases it
 * still owns (after their final checkpoints) and removes its heartbeat ("worker metrics") row.
 *
 * <p>Without this, KCL 3 lets the leases expire (the failover time), and its leader keeps counting the stopped
 * worker as alive until its heartbeat is two reporting periods old, assigning it shards it will never read.
 * Both steps are conditional: a lease someone else took and any row that is not this worker's heartbeat are left
 * alone.
 */
public final class WorkerHandoff {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandoff.class);
    private static final long REQUEST_TIMEOUT_SECONDS = 30;

    private WorkerHandoff() {
    }

    public static void handOff(LeaseManagementConfig leaseConfig, String workerId) {
        releaseLeases(leaseConfig, workerId);
        removeHeartbeat(leaseConfig.dynamoDBClient(), leaseConfig.tableName(), workerId);
    }

    private static void releaseLeases(LeaseManagementConfig leaseConfig, String workerId) {
        List<Lease> owned;
        LeaseRefresher refresher;
        try {
            refresher = new DynamoDBLeaseManagementFactory(leaseConfig, new DynamoDBLeaseSerializer(), false)
                    .createLeaseRefresher();
            owned = refresher.listLeases().stream().filter(lease -> workerId.equals(lease.leaseOwner())).toList();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("Could not list the leases of worker {}; they expire after the failover time", workerId, e);
            return;
        }
        releaseEach(refresher, owned, workerId);
    }

    /** Releases each lease on its own: one that fails (taken meanwhile, a throttled call) does not keep the others. */
    static int releaseEach(LeaseRefresher refresher, List<Lease> owned, String workerId) {
        int released = 0;
        for (Lease lease : owned) {
            try {
                if (refresher.evictLease(lease)) {
                    released++;
                }
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return released;
                }
                LOG.warn("Could not release lease {} of worker {}; it expires after the failover time",
                        lease.leaseKey(), workerId, e);
            }
        }
        if (!owned.isEmpty()) {
            LOG.info("Released {} of the {} leases of worker {}", released, owned.size(), workerId);
        }
        return released;
    }

    private static void removeHeartbeat(DynamoDbAsyncClient dynamoDb, String tableName, String workerId) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(tableName)
                    .key(Map.of(DynamoDBLeaseSerializer.LEASE_KEY_KEY, AttributeValue.fromS(workerId)))
                    .conditionExpression("#type = :heartbeat")
                    .expressionAttributeNames(Map.of("#type", DynamoDBLeaseSerializer.ENTITY_TYPE_ATTRIBUTE_NAME))
                    .expressionAttributeValues(Map.of(":heartbeat",
                            AttributeValue.fromS(EntityType.WORKER_METRIC_STATS.getDdbValue()))))
                    .get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!(AwsFailureExplainer.unwrap(e) instanceof ConditionalCheckFailedException)) {
                LOG.warn("Could not remove the heartbeat of worker {}; the leader ignores it once it is stale",
                        workerId, e);
            }
        }
    }
}
