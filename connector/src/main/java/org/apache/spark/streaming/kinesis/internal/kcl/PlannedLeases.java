package org.apache.spark.streaming.kinesis.internal.kcl;

import java.util.ArrayList;
import java.util.List;
import software.amazon.kinesis.common.StreamIdentifier;
import software.amazon.kinesis.leases.Lease;
import software.amazon.kinesis.leases.LeaseRefresher;
import software.amazon.kinesis.retrieval.kpl.ExtendedSequenceNumber;

/**
 * A lease table that is empty and only remembers the leases the KCL's shard syncer would create in it, so that the
 * KCL decides which leases a new application gets (parents, hash ranges, initial position) and the connector writes
 * them to the real table in parallel ({@link ShardLeaseBootstrapper}). The syncer writes one lease at a time and waits
 * for each: 1,024 leases took more than 90 s on a loaded machine. Every other operation is refused.
 */
final class PlannedLeases implements LeaseRefresher {

    private final List<Lease> leases = new ArrayList<>();

    /** The leases the syncer asked to create, in its order. */
    List<Lease> leases() {
        return List.copyOf(leases);
    }

    @Override
    public boolean createLeaseIfNotExists(Lease lease) {
        leases.add(lease);
        return true;
    }

    @Override
    public List<Lease> listLeases() {
        return List.of();
    }

    @Override
    public List<Lease> listLeasesForStream(StreamIdentifier streamIdentifier) {
        return List.of();
    }

    @Override
    public boolean isLeaseTableEmpty() {
        return true;
    }

    @Override
    public boolean leaseTableExists() {
        return true;
    }

    @Override
    public boolean createLeaseTableIfNotExists(Long readCapacity, Long writeCapacity) {
        throw refused();
    }

    @Override
    public boolean createLeaseTableIfNotExists() {
        throw refused();
    }

    @Override
    public boolean waitUntilLeaseTableExists(long secondsBetweenPolls, long timeoutSeconds) {
        return true;
    }

    @Override
    public boolean isLeaseOwnerToLeaseKeyIndexActive() {
        throw refused();
    }

    @Override
    public Lease getLease(String leaseKey) {
        return null;
    }

    @Override
    public boolean renewLease(Lease lease) {
        throw refused();
    }

    @Override
    public boolean takeLease(Lease lease, String owner) {
        throw refused();
    }

    @Override
    public boolean evictLease(Lease lease) {
        throw refused();
    }

    @Override
    public void deleteLease(Lease lease) {
        throw refused();
    }

    @Override
    public void deleteAll() {
        throw refused();
    }

    @Override
    public boolean updateLease(Lease lease) {
        throw refused();
    }

    @Override
    public ExtendedSequenceNumber getCheckpoint(String leaseKey) {
        return null;
    }

    private static UnsupportedOperationException refused() {
        return new UnsupportedOperationException("Only the leases to create are planned here");
    }
}
