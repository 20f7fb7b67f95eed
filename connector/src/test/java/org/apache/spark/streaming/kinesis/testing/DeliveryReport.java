package org.apache.spark.streaming.kinesis.testing;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a fault test saw against what it produced: counts, duplicates and losses, printed in one line that the
 * fault-tolerance figures in the documentation are taken from.
 */
public record DeliveryReport(String fault, int produced, int seen, int distinct, int lost, long recoveryMillis) {

    public static DeliveryReport of(String fault, Collection<String> produced, List<String> seen,
            long recoveryMillis) {
        Set<String> distinct = new HashSet<>(seen);
        int lost = (int) produced.stream().filter(record -> !distinct.contains(record)).count();
        return new DeliveryReport(fault, produced.size(), seen.size(), distinct.size(), lost, recoveryMillis);
    }

    public int duplicates() {
        return seen - distinct;
    }

    /** Prints the report to standard error (kept in the test output). */
    public DeliveryReport print() {
        System.err.println("FAULT " + fault + ": produced " + produced + ", seen " + seen + ", duplicates "
                + duplicates() + ", lost " + lost + ", recovered in " + recoveryMillis + " ms");
        return this;
    }
}
