package org.apache.spark.streaming.kinesis.internal.kcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseRefresher;
import software.amazon.kinesis.leases.exceptions.ProvisionedThroughputException;

class WorkerHandoffTest {

    private static Lease lease(String key) {
        Lease lease = new Lease();
        lease.leaseKey(key);
        lease.leaseOwner("worker-1");
        return lease;
    }

    /** A lease table that throttles the eviction of one lease and records the others. */
    private static LeaseRefresher refresher(String throttledKey, List<String> evicted) {
        return (LeaseRefresher) Proxy.newProxyInstance(LeaseRefresher.class.getClassLoader(),
                new Class<?>[] {LeaseRefresher.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("evictLease")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Lease lease = (Lease) args[0];
                    if (lease.leaseKey().equals(throttledKey)) {
                        throw new ProvisionedThroughputException("throttled", null);
                    }
                    evicted.add(lease.leaseKey());
                    return true;
                });
    }

    @Test
    void aLeaseThatCannotBeReleasedDoesNotKeepTheOthers() {
        List<String> evicted = new ArrayList<>();

        int released = WorkerHandoff.releaseEach(refresher("shard-1", evicted),
                List.of(lease("shard-1"), lease("shard-2"), lease("shard-3")), "worker-1");

        assertThat(released).isEqualTo(2);
        assertThat(evicted).containsExactly("shard-2", "shard-3");
    }
}
