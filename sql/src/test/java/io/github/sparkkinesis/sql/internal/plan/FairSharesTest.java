package io.github.sparkkinesis.sql.internal.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FairSharesTest {

    @Test
    void aLimitIsSplitEquallyWithTheRemainderGoingRoundInTurn() {
        assertThat(FairShares.split(10, 4, 0)).containsExactly(3, 3, 2, 2);
        assertThat(FairShares.split(10, 4, 1)).containsExactly(2, 3, 3, 2);
        assertThat(FairShares.split(10, 4, 2)).containsExactly(2, 2, 3, 3);
    }

    @Test
    void aLimitBelowTheNumberOfShardsStillMovesEveryShardInTurn() {
        long[] total = new long[5];
        for (int batch = 0; batch < 5; batch++) {
            long[] shares = FairShares.split(2, 5, batch);
            assertThat(Arrays.stream(shares).sum()).isEqualTo(2);
            for (int i = 0; i < 5; i++) {
                total[i] += shares[i];
            }
        }
        assertThat(total).containsOnly(2);
    }

    @Test
    void noLimitIsNoLimitForEveryShard() {
        assertThat(FairShares.split(Long.MAX_VALUE, 3, 7)).containsOnly(Long.MAX_VALUE);
        assertThat(FairShares.split(100, 0, 0)).isEmpty();
    }
}
