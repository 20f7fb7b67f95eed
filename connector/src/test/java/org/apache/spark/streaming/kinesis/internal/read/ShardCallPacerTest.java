package org.apache.spark.streaming.kinesis.internal.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ShardCallPacerTest {

    private static final long MIB = 1024 * 1024;

    private final AtomicLong clock = new AtomicLong(5_000);
    private final List<Long> waits = new ArrayList<>();
    private final ShardCallPacer pacer = new ShardCallPacer(200, 2 * MIB, clock::get, millis -> {
        waits.add(millis);
        clock.addAndGet(millis);
    });

    @Test
    void callsStartAtMostOncePer200Milliseconds() {
        pacer.awaitTurn();
        pacer.awaitTurn();
        clock.addAndGet(50);
        pacer.awaitTurn();
        clock.addAndGet(500);
        pacer.awaitTurn();

        assertThat(waits).containsExactly(200L, 150L);
    }

    @Test
    void theBytesReadDelayTheNextCallAtTwoMebibytesPerSecond() {
        pacer.awaitTurn();
        pacer.recordRead(3 * MIB);
        pacer.awaitTurn();
        pacer.recordRead(1024);
        pacer.awaitTurn();

        assertThat(waits).containsExactly(1_500L, 200L);
    }

    @Test
    void concurrentCallersOfOneShardTakeConsecutiveSlots() {
        List<Long> planned = new ArrayList<>();
        ShardCallPacer shared = new ShardCallPacer(200, 2 * MIB, clock::get, planned::add);

        // Three tasks arrive at the same moment; the clock does not move while they wait.
        shared.awaitTurn();
        shared.awaitTurn();
        shared.awaitTurn();

        assertThat(planned).containsExactly(200L, 400L);
    }

    @Test
    void theJvmWidePacersAreSharedPerShardAndOperation() {
        ShardCallPacers pacers = ShardCallPacers.jvmWide();

        assertThat(pacers.getRecords("s", "shard-1")).isSameAs(pacers.getRecords("s", "shard-1"))
                .isNotSameAs(pacers.getRecords("s", "shard-2"))
                .isNotSameAs(pacers.getShardIterator("s", "shard-1"));
    }
}
