package io.github.sparkkinesis.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ShardArrivalsTest {

    @AfterEach
    void forget() {
        ShardArrivals.reset();
    }

    @Test
    void keepsEachKeysFirstArrivalRelativeToTheFirstShard() {
        ShardArrivals.arrived("shard-b", 3_000_000_000L);
        ShardArrivals.arrived("shard-a", 1_000_000_000L);
        ShardArrivals.arrived("shard-a", 2_000_000_000L);
        ShardArrivals.arrived("shard-c", 1_500_000_000L);

        assertThat(ShardArrivals.secondsAfterFirst()).containsExactly(0.0, 0.5, 2.0);
    }
}
