package io.github.sparkkinesis.sql.internal.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallBatcherTest {

    private static PutEntry entry(String stream, String key, int dataBytes) {
        return PutEntry.of(new UserRecord(stream, key, null, new byte[dataBytes]));
    }

    private static List<PutBatch> addAll(CallBatcher batcher, List<PutEntry> entries) {
        List<PutBatch> ready = new ArrayList<>();
        entries.forEach(entry -> ready.addAll(batcher.add(entry)));
        ready.addAll(batcher.drain());
        return ready;
    }

    @Test
    void aCallHoldsAtMostMaxRecordsInTheirOrder() {
        List<PutEntry> entries = new ArrayList<>();
        for (int i = 0; i < 1201; i++) {
            entries.add(entry("s", "k" + i, 10));
        }

        List<PutBatch> calls = addAll(new CallBatcher(500, 5 << 20, false), entries);

        assertThat(calls).extracting(call -> call.entries().size()).containsExactly(500, 500, 201);
        assertThat(calls.stream().flatMap(call -> call.entries().stream()).toList()).isEqualTo(entries);
    }

    @Test
    void aCallHoldsAtMostMaxBytesCountingPartitionKeys() {
        // 98 bytes of data and a 2-byte key: 100 bytes each, so 10 fit in 1000 bytes.
        List<PutEntry> entries = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            entries.add(entry("s", "k" + (i % 10), 98));
        }

        List<PutBatch> calls = addAll(new CallBatcher(500, 1000, false), entries);

        assertThat(calls).extracting(call -> call.entries().size()).containsExactly(10, 10, 5);
        assertThat(calls).allSatisfy(call -> assertThat(call.size()).isLessThanOrEqualTo(1000));
    }

    @Test
    void strictKeyOrderPutsOneRecordOfAKeyInACall() {
        List<PutEntry> entries = List.of(entry("s", "a", 1), entry("s", "b", 1), entry("s", "a", 1),
                entry("s", "c", 1));

        List<PutBatch> calls = addAll(new CallBatcher(500, 5 << 20, true), entries);

        assertThat(calls).extracting(call -> call.entries().size()).containsExactly(2, 2);
    }

    @Test
    void everyStreamHasItsCallsAndAllPendingCallsTogetherStayWithinMaxBytes() {
        CallBatcher batcher = new CallBatcher(500, 1000, false);

        assertThat(batcher.add(entry("one", "k", 399))).isEmpty();
        assertThat(batcher.add(entry("two", "k", 399))).isEmpty();
        List<PutBatch> ready = batcher.add(entry("two", "k", 399));

        assertThat(ready).extracting(PutBatch::stream).containsExactly("one", "two");
        assertThat(batcher.pendingBytes()).isEqualTo(400);
        assertThat(batcher.drain()).singleElement().extracting(PutBatch::stream).isEqualTo("two");
    }
}
