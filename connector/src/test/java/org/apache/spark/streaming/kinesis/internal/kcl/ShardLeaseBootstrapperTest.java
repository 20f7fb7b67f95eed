package org.apache.spark.streaming.kinesis.internal.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.exceptions.ProvisionedThroughputException;

class ShardLeaseBootstrapperTest {

    @Test
    void everyPlannedLeaseIsWrittenOnceAndTheWrittenOnesCounted() throws Exception {
        List<Lease> leases = leases(1_024);
        Set<String> written = ConcurrentHashMap.newKeySet();

        // Every other lease exists already (another receiver wrote it): it is not counted.
        assertThat(ShardLeaseBootstrapper.createInParallel(leases,
                lease -> written.add(lease.leaseKey()) && lease.leaseKey().hashCode() % 2 == 0))
                .isEqualTo((int) leases.stream().filter(lease -> lease.leaseKey().hashCode() % 2 == 0).count());

        assertThat(written).hasSize(1_024);
    }

    @Test
    void aFailedWriteFailsTheBootstrapWithItsOwnException() {
        assertThatThrownBy(() -> ShardLeaseBootstrapper.createInParallel(leases(3), lease -> {
            throw new ProvisionedThroughputException(new IllegalStateException("throttled"));
        })).isInstanceOf(ProvisionedThroughputException.class);
    }

    @Test
    void noLeasesNeedNoWriter() throws Exception {
        assertThat(ShardLeaseBootstrapper.createInParallel(List.of(), lease -> true)).isZero();
    }

    private static List<Lease> leases(int count) {
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Lease lease = new Lease();
            lease.leaseKey(String.format("shardId-%012d", i));
            leases.add(lease);
        }
        return leases;
    }
}
