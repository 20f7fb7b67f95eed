package io.github.sparkkinesis.sql.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FetchBlockIndexTest {

    @Test
    void attemptsSlotsAndBlocksNeverShareAnIndex() {
        Set<Integer> seen = new HashSet<>();
        for (int attempt = 0; attempt < FetchBlockIndex.MAX_ATTEMPTS; attempt++) {
            for (int slot : new int[] {0, 1, FetchBlockIndex.MAX_SLOTS - 1}) {
                for (int block : new int[] {0, 1, FetchBlockIndex.MAX_BLOCKS - 1}) {
                    int index = FetchBlockIndex.of(attempt, slot, block);
                    assertThat(index).isNotNegative();
                    assertThat(seen.add(index)).as("index of attempt %s slot %s block %s", attempt, slot, block)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void outOfRangeNamesAreRefused() {
        assertThatThrownBy(() -> FetchBlockIndex.of(FetchBlockIndex.MAX_ATTEMPTS, 0, 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("failed 8 times");
        assertThatThrownBy(() -> FetchBlockIndex.of(0, FetchBlockIndex.MAX_SLOTS, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FetchBlockIndex.of(0, 0, FetchBlockIndex.MAX_BLOCKS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
