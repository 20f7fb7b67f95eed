package org.apache.spark.streaming.kinesis.internal.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.kinesis.worker.metricstats.WorkerMetricStats;
import software.amazon.kinesis.worker.metricstats.delegate.LeaseTableWorkerMetricStatsDAODelegate;

/** The first heartbeat is the row the KCL's leader reads, valid, for the worker that wrote it. */
@ExtendWith(LocalStackExtension.class)
class FirstWorkerHeartbeatIT {

    private static final long HEARTBEAT_PERIOD_MILLIS = 5_000;

    private DynamoDbAsyncClient dynamoDb;
    private String leaseTable;

    @BeforeEach
    void leaseTable(LocalStack stack) throws Exception {
        dynamoDb = DynamoDbAsyncClient.builder().endpointOverride(stack.dynamoDbEndpoint()).region(LocalStack.REGION)
                .credentialsProvider(LocalStack.CREDENTIALS).build();
        leaseTable = "heartbeat-" + UUID.randomUUID();
        new LeaseTableProvisioner(dynamoDb).ensureLeaseTable(leaseTable);
    }

    @AfterEach
    void close() {
        dynamoDb.close();
    }

    private LeaseTableWorkerMetricStatsDAODelegate heartbeats() {
        return new LeaseTableWorkerMetricStatsDAODelegate(dynamoDb, leaseTable, HEARTBEAT_PERIOD_MILLIS);
    }

    @Test
    void theLeaderReadsAValidHeartbeatOfTheWorkerBeforeItsSchedulerRuns() throws Exception {
        long before = Instant.now().getEpochSecond();

        boolean written = FirstWorkerHeartbeat.write(dynamoDb, leaseTable, leaseTable + "-WorkerMetricStats",
                "worker-1", HEARTBEAT_PERIOD_MILLIS);

        assertThat(written).isTrue();
        assertThat(heartbeats().getAllWorkerMetricStats()).singleElement().satisfies(heartbeat -> {
            assertThat(heartbeat.getWorkerId()).isEqualTo("worker-1");
            assertThat(heartbeat.isValidWorkerMetric()).isTrue();
            assertThat(heartbeat.getLastUpdateTime()).isBetween(before, Instant.now().getEpochSecond());
            assertThat(heartbeat.getSupportCode()).isEqualTo(FirstWorkerHeartbeat.SUPPORT_CODE);
        });
    }

    @Test
    void theSupportCodeIsTheKclsOwn() throws Exception {
        // The KCL keeps it package-private; if a KCL upgrade changes how it is derived, this says so.
        Field kcl = WorkerMetricStats.class.getDeclaredField("SUPPORT_CODE");
        kcl.setAccessible(true);

        assertThat(FirstWorkerHeartbeat.SUPPORT_CODE).isEqualTo(kcl.get(null));
    }

    @Test
    void anApplicationKeepingHeartbeatsInItsLegacyTableIsLeftToTheKcl() throws Exception {
        String legacy = leaseTable + "-WorkerMetricStats";
        dynamoDb.createTable(b -> b.tableName(legacy)
                .keySchema(k -> k.attributeName("wid").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("wid").attributeType(ScalarAttributeType.S))
                .billingMode("PAY_PER_REQUEST")).get();

        boolean written = FirstWorkerHeartbeat.write(dynamoDb, leaseTable, legacy, "worker-1",
                HEARTBEAT_PERIOD_MILLIS);

        assertThat(written).isFalse();
        assertThat(heartbeats().getAllWorkerMetricStats()).isEmpty();
    }
}
