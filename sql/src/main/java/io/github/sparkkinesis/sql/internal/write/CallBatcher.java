package io.github.sparkkinesis.sql.internal.write;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers records into PutRecords calls: one pending call per stream, each within {@code maxRecords} and
 * {@code maxBytes}; all pending calls together hold at most {@code maxBytes}, which bounds a task's buffer. A
 * record that does not fit makes its stream's pending call (or, past the total, every pending call) ready first.
 * With {@code strictKeyOrder}, a call holds at most one record per ordering key, so that no record of a key can be
 * written while an earlier one of the same key is rejected in the same call.
 */
final class CallBatcher {

    private final int maxRecords;
    private final long maxBytes;
    private final boolean strictKeyOrder;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private long pendingBytes;

    CallBatcher(int maxRecords, long maxBytes, boolean strictKeyOrder) {
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
        this.strictKeyOrder = strictKeyOrder;
    }

    /** Adds {@code entry}; returns the calls to send before it, in order (often none). */
    List<PutBatch> add(PutEntry entry) {
        List<PutBatch> ready = new ArrayList<>();
        Pending stream = pending.get(entry.stream());
        if (stream != null && !stream.fits(entry)) {
            ready.add(take(entry.stream()));
        }
        if (pendingBytes + entry.size() > maxBytes && !pending.isEmpty()) {
            ready.addAll(drain());
        }
        pending.computeIfAbsent(entry.stream(), name -> new Pending()).add(entry);
        pendingBytes += entry.size();
        return ready;
    }

    /** Every pending call, in the order their streams first got a record. */
    List<PutBatch> drain() {
        List<PutBatch> ready = new ArrayList<>();
        for (String stream : List.copyOf(pending.keySet())) {
            ready.add(take(stream));
        }
        return ready;
    }

    /** The bytes waiting in pending calls. */
    long pendingBytes() {
        return pendingBytes;
    }

    private PutBatch take(String stream) {
        Pending call = pending.remove(stream);
        pendingBytes -= call.bytes;
        return new PutBatch(stream, call.entries);
    }

    private final class Pending {
        private final List<PutEntry> entries = new ArrayList<>();
        private final Set<String> keys = new HashSet<>();
        private long bytes;

        boolean fits(PutEntry entry) {
            return entries.size() < maxRecords && bytes + entry.size() <= maxBytes
                    && !(strictKeyOrder && keys.contains(entry.orderingKey()));
        }

        void add(PutEntry entry) {
            entries.add(entry);
            bytes += entry.size();
            if (strictKeyOrder) {
                keys.add(entry.orderingKey());
            }
        }
    }
}
