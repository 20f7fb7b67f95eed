package org.apache.spark.streaming.kinesis.internal.kcl;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseRefresher;

/**
 * A lease table that is empty and only remembers the leases the KCL's shard syncer would create in it, so that the
 * KCL decides which leases a new application gets (parents, hash ranges, initial position) and the connector writes
 * them to the real table in parallel ({@link ShardLeaseBootstrapper}). The syncer writes one lease at a time and waits
 * for each: 1,024 leases took more than 90 s on a loaded machine. Reads find nothing, the interface's default methods
 * answer as they would for any table, and every other operation is refused (a proxy: the syncer uses a handful of the
 * interface's many methods).
 */
final class PlannedLeases {

    private final List<Lease> leases = Collections.synchronizedList(new ArrayList<>());
    private final LeaseRefresher table = (LeaseRefresher) Proxy.newProxyInstance(
            LeaseRefresher.class.getClassLoader(), new Class<?>[] {LeaseRefresher.class},
            this::answer);

    /** The empty table to give the syncer. */
    LeaseRefresher table() {
        return table;
    }

    /** The leases the syncer asked to create, in its order. */
    List<Lease> leases() {
        synchronized (leases) {
            return List.copyOf(leases);
        }
    }

    private Object answer(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.isDefault()) {
            // As an implementing class would: the interface's own answer (they read the table's name and the like).
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        switch (method.getName()) {
            case "createLeaseIfNotExists":
                leases.add((Lease) args[0]);
                return true;
            case "listLeases":
            case "listLeasesForStream":
                return List.of();
            case "isLeaseTableEmpty":
            case "leaseTableExists":
            case "waitUntilLeaseTableExists":
                return true;
            case "getLease":
            case "getCheckpoint":
                return null;
            case "toString":
                return "PlannedLeases" + leases();
            case "hashCode":
                return System.identityHashCode(this);
            case "equals":
                return args[0] == table;
            default:
                throw new UnsupportedOperationException("Only the leases to create are planned here, not "
                        + method.getName());
        }
    }
}
