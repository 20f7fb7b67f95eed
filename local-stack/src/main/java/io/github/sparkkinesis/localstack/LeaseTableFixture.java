package io.github.sparkkinesis.localstack;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.dynamodb.DynamoDBLeaseSerializer;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * Reads the lease table a KCL application keeps in DynamoDB (named after the application). Besides shard
 * leases, KCL 3 keeps coordinator state and worker metrics in the same table; only leases are returned.
 */
public final class LeaseTableFixture {

    private final DynamoDbClient dynamoDb;
    private final DynamoDBLeaseSerializer serializer = new DynamoDBLeaseSerializer();

    public LeaseTableFixture(DynamoDbClient dynamoDb) {
        this.dynamoDb = dynamoDb;
    }

    public boolean exists(String applicationName) {
        try {
            dynamoDb.describeTable(b -> b.tableName(applicationName));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /**
     * Every shard lease of the application, decoded with the KCL's own serializer; empty if the table does not
     * exist (yet).
     */
    public List<Lease> leases(String applicationName) {
        try {
            return scanLeases(applicationName);
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
    }

    private List<Lease> scanLeases(String applicationName) {
        List<Lease> leases = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder().tableName(applicationName).consistentRead(true);
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            ScanResponse page = dynamoDb.scan(request.build());
            page.items().stream().map(serializer::fromDynamoRecord).filter(Objects::nonNull).forEach(leases::add);
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                    ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return leases;
    }

    /** The checkpoint of each shard lease (including sentinels such as TRIM_HORIZON or SHARD_END). */
    public Map<String, ExtendedSequenceNumber> checkpoints(String applicationName) {
        Map<String, ExtendedSequenceNumber> checkpoints = new LinkedHashMap<>();
        for (Lease lease : leases(applicationName)) {
            checkpoints.put(lease.leaseKey(), lease.checkpoint());
        }
        return checkpoints;
    }

    /**
     * The checkpoint of each shard lease that points at a record, as a number; shards still at a sentinel
     * (TRIM_HORIZON, LATEST, AT_TIMESTAMP, SHARD_END) are left out.
     */
    public Map<String, BigInteger> checkpointedSequenceNumbers(String applicationName) {
        Map<String, BigInteger> numeric = new LinkedHashMap<>();
        checkpoints(applicationName).forEach((shard, checkpoint) -> {
            String sequenceNumber = checkpoint == null ? null : checkpoint.sequenceNumber();
            if (sequenceNumber != null && !sequenceNumber.isEmpty()
                    && sequenceNumber.chars().allMatch(Character::isDigit)) {
                numeric.put(shard, new BigInteger(sequenceNumber));
            }
        });
        return numeric;
    }

    /** The worker that owns each shard lease ({@code null} when unowned). */
    public Map<String, String> owners(String applicationName) {
        Map<String, String> owners = new LinkedHashMap<>();
        for (Lease lease : leases(applicationName)) {
            owners.put(lease.leaseKey(), lease.leaseOwner());
        }
        return owners;
    }

    /** Deletes the application's lease table if it exists. */
    public void delete(String applicationName) {
        if (exists(applicationName)) {
            dynamoDb.deleteTable(b -> b.tableName(applicationName));
        }
    }
}
