package org.apache.spark.streaming.kinesis.internal.kcl;

import java.util.concurrent.TimeUnit;
import org.apache.spark.streaming.kinesis.internal.aws.AwsFailureExplainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.kinesis.coordinator.delegate.LeaseTableCoordinatorStateDAODelegate;
import software.amazon.kinesis.coordinator.migration.ClientVersion;
import software.amazon.kinesis.coordinator.migration.MigrationState;

/**
 * Records in the lease table of a new application that it runs KCL 3.x, before its first scheduler starts.
 *
 * <p>Every KCL 3.5.1 scheduler of a new application tries to create that record itself. When two start at once
 * (two receivers of one application, the normal case), the loser's creation fails and its client-version state
 * machine is left half initialized: it then fails every initialization attempt ("AssignmentMode is not
 * initialized") until it gives up. With the record in place before any scheduler runs, each one finds it and has
 * nothing to create. The write is conditional, so concurrent bootstraps are safe, and it uses the KCL's own record
 * type and table accessor.
 *
 * <p>Applications that still have a separate {@code <app>-CoordinatorState} table (created by KCL 3.0 to 3.4)
 * keep their record there; they are left to the KCL.
 */
public final class ClientVersionBootstrapper {

    private static final Logger LOG = LoggerFactory.getLogger(ClientVersionBootstrapper.class);
    private static final long REQUEST_TIMEOUT_SECONDS = 30;

    private ClientVersionBootstrapper() {
    }

    /**
     * @return true if this call wrote the record
     */
    public static boolean recordClientVersion3x(DynamoDbAsyncClient dynamoDb, String leaseTable,
            String legacyCoordinatorStateTable, String workerId) throws Exception {
        if (tableExists(dynamoDb, legacyCoordinatorStateTable)) {
            return false;
        }
        LeaseTableCoordinatorStateDAODelegate coordinatorState =
                new LeaseTableCoordinatorStateDAODelegate(dynamoDb, leaseTable);
        coordinatorState.initialize();
        MigrationState clientVersion3x =
                new MigrationState(workerId).update(ClientVersion.CLIENT_VERSION_3X, workerId);
        boolean created = coordinatorState.createCoordinatorStateIfNotExists(clientVersion3x);
        if (created) {
            LOG.info("Recorded client version {} in lease table {}", ClientVersion.CLIENT_VERSION_3X, leaseTable);
        }
        return created;
    }

    /** Whether {@code table} exists (also used for the KCL's other legacy tables). */
    static boolean tableExists(DynamoDbAsyncClient dynamoDb, String table) throws Exception {
        try {
            dynamoDb.describeTable(b -> b.tableName(table)).get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            if (AwsFailureExplainer.unwrap(e) instanceof ResourceNotFoundException) {
                return false;
            }
            throw e;
        }
    }
}
