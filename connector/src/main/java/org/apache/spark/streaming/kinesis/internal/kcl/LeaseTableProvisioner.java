package org.apache.spark.streaming.kinesis.internal.kcl;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.streaming.kinesis.internal.aws.ClientEndpoints;
import org.apache.spark.streaming.kinesis.internal.aws.UnansweredCallException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;

/**
 * Creates the KCL 3 lease table, with its {@code LeaseOwnerToLeaseKeyIndex} index, before the KCL starts.
 *
 * <p>The KCL would create the table and then add the index with {@code UpdateTable}; some DynamoDB
 * implementations (dynalite, used for local runs) cannot add an index to an existing table, and the KCL waits on
 * new tables with the SDK waiter, which polls every 20 s. Creating both in one call and polling quickly avoids
 * both. The schema is the KCL's own ({@link DynamoDBLeaseSerializer}); an existing table is left untouched.
 */
public final class LeaseTableProvisioner {

    /** The index KCL 3 queries to find the leases assigned to a worker. */
    static final String LEASE_OWNER_INDEX = "LeaseOwnerToLeaseKeyIndex";

    private static final Logger LOG = LoggerFactory.getLogger(LeaseTableProvisioner.class);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ACTIVE_TIMEOUT = Duration.ofMinutes(5);
    private static final long POLL_MILLIS = 250;

    private final DynamoDbAsyncClient dynamoDb;
    private final Duration requestTimeout;

    public LeaseTableProvisioner(DynamoDbAsyncClient dynamoDb) {
        this(dynamoDb, REQUEST_TIMEOUT);
    }

    /**
     * @param requestTimeout how long to wait for one DynamoDB call, the SDK's retries included; past it the call is
     *                       reported unanswered, with what a connection to the endpoint shows
     */
    LeaseTableProvisioner(DynamoDbAsyncClient dynamoDb, Duration requestTimeout) {
        this.dynamoDb = dynamoDb;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Makes sure the lease table exists and is ACTIVE.
     *
     * @return true if this call created it
     */
    public boolean ensureLeaseTable(String tableName) throws InterruptedException {
        TableDescription existing = describe(tableName);
        boolean created = false;
        if (existing == null) {
            created = create(tableName);
        }
        awaitActive(tableName);
        return created;
    }

    private boolean create(String tableName) throws InterruptedException {
        DynamoDBLeaseSerializer serializer = new DynamoDBLeaseSerializer();
        CreateTableRequest request = CreateTableRequest.builder()
                .tableName(tableName)
                .keySchema(serializer.getKeySchema())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("leaseKey")
                                .attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("leaseOwner").attributeType("S").build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(LEASE_OWNER_INDEX)
                        .keySchema(serializer.getWorkerIdToLeaseKeyIndexKeySchema())
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
        try {
            join(dynamoDb.createTable(request));
            LOG.info("Created lease table {} with index {}", tableName, LEASE_OWNER_INDEX);
            return true;
        } catch (ResourceInUseException e) {
            // Another receiver of the same application created it first.
            return false;
        }
    }

    private void awaitActive(String tableName) throws InterruptedException {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            TableDescription table = describe(tableName);
            if (table != null && table.tableStatus() == TableStatus.ACTIVE && indexIsActiveOrAbsent(table)) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("Lease table " + tableName + " did not become ACTIVE within "
                + ACTIVE_TIMEOUT.toMinutes() + " minutes");
    }

    private static boolean indexIsActiveOrAbsent(TableDescription table) {
        return table.globalSecondaryIndexes().stream()
                .filter(index -> index.indexName().equals(LEASE_OWNER_INDEX))
                .allMatch(index -> index.indexStatus() == IndexStatus.ACTIVE);
    }

    private TableDescription describe(String tableName) throws InterruptedException {
        try {
            return join(dynamoDb.describeTable(b -> b.tableName(tableName))).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private <T> T join(java.util.concurrent.CompletableFuture<T> future) throws InterruptedException {
        try {
            return future.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw UnansweredCallException.probing("DynamoDB", ClientEndpoints.of(dynamoDb), requestTimeout, e);
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        Throwable current = cause;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current instanceof RuntimeException runtime ? runtime : new IllegalStateException(current);
    }
}
