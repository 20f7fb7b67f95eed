package org.apache.spark.streaming.kinesis.internal.kcl;

import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.kinesis.worker.metricstats.WorkerMetricStats;
import software.amazon.kinesis.worker.metricstats.delegate.LeaseTableWorkerMetricStatsDAODelegate;

/**
 * Writes a receiver's first KCL heartbeat (its "worker metrics" row) to the lease table before its scheduler starts,
 * so that the leader's first lease-assignment round already counts it.
 *
 * <p>The leader assigns leases only to workers with a recent heartbeat, and runs its first round as soon as it is
 * elected, a few tens of milliseconds into the scheduler's start; the scheduler's own first heartbeat is written two
 * capture periods after its reporter starts, and in a new JVM that write is slow. When the round found no worker, a
 * new application's shards waited for the next round, 2 s later: the first record came 6.0-6.2 s after
 * {@code start()} instead of about 4.2 s. The row is the one the KCL's reporter writes (no metrics, as the connector
 * disables them, and the KCL's support code), with the KCL's own record type and table accessor; the reporter
 * overwrites it at its first run. Written by every receiver, so that a round at an application's start sees all the
 * receivers that have started and spreads the shards over them.
 *
 * <p>Applications that still keep heartbeats in a separate {@code <app>-WorkerMetricStats} table (KCL 3.0 to 3.4)
 * are left to the KCL.
 */
public final class FirstWorkerHeartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(FirstWorkerHeartbeat.class);

    /** The KCL's support code: what features this worker supports (the KCL derives it from its feature list so). */
    static final int SUPPORT_CODE = WorkerMetricStats.Features.values().length - 1;

    private FirstWorkerHeartbeat() {
    }

    /**
     * @param reporterFrequencyMillis the KCL's heartbeat period (the row is valid for two of them)
     * @return true if the heartbeat was written (false: the application keeps heartbeats in its legacy table)
     */
    public static boolean write(DynamoDbAsyncClient dynamoDb, String leaseTable, String legacyWorkerMetricsTable,
            String workerId, long reporterFrequencyMillis) throws Exception {
        if (ClientVersionBootstrapper.tableExists(dynamoDb, legacyWorkerMetricsTable)) {
            return false;
        }
        long now = Instant.now().getEpochSecond();
        new LeaseTableWorkerMetricStatsDAODelegate(dynamoDb, leaseTable, reporterFrequencyMillis)
                .updateMetrics(WorkerMetricStats.builder()
                        .workerId(workerId)
                        .metricStats(Map.of())
                        .operatingRange(Map.of())
                        .lastUpdateTime(now)
                        .supportCode(SUPPORT_CODE)
                        .supportCodeUpdateEpochSeconds(now)
                        .build());
        LOG.debug("Wrote the first heartbeat of KCL worker {} to lease table {}", workerId, leaseTable);
        return true;
    }
}
