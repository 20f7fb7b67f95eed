package org.apache.spark.streaming.kinesis.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReceiverRateLimiterTest {

    private static final int UNLIMITED_BLOCK = BlockWriter.UNLIMITED_BLOCK_SIZE;

    @Test
    void blockSizeIsWhatTheRateAllowsPerBlockInterval() {
        ReceiverRateLimiter limiter = new ReceiverRateLimiter(() -> 100);

        assertThat(limiter.maxBlockSize(200, UNLIMITED_BLOCK)).isEqualTo(20);
        assertThat(limiter.maxBlockSize(1000, UNLIMITED_BLOCK)).isEqualTo(100);
    }

    @Test
    void blockSizeIsAtLeastOneRecord() {
        ReceiverRateLimiter limiter = new ReceiverRateLimiter(() -> 1);

        assertThat(limiter.maxBlockSize(200, UNLIMITED_BLOCK)).isEqualTo(1);
    }

    @Test
    void blockSizeIsCappedAtTheUnlimitedSize() {
        ReceiverRateLimiter limiter = new ReceiverRateLimiter(() -> 1_000_000_000L);

        assertThat(limiter.maxBlockSize(200, 10_000)).isEqualTo(10_000);
    }

    @Test
    void hugeLimitDoesNotOverflowIntoTinyBlocks() {
        ReceiverRateLimiter limiter = new ReceiverRateLimiter(() -> 50_000_000_000_000_000L);

        assertThat(limiter.maxBlockSize(200, UNLIMITED_BLOCK)).isEqualTo(UNLIMITED_BLOCK);
        assertThat(limiter.maxBlockSize(200, 10_000)).isEqualTo(10_000);
    }

    @Test
    void noLimitMeansUnlimitedBlocks() {
        assertThat(new ReceiverRateLimiter(() -> ReceiverRateLimiter.UNLIMITED).maxBlockSize(200, UNLIMITED_BLOCK))
                .isEqualTo(UNLIMITED_BLOCK);
        assertThat(new ReceiverRateLimiter(() -> 0).maxBlockSize(200, UNLIMITED_BLOCK)).isEqualTo(UNLIMITED_BLOCK);
        assertThat(new ReceiverRateLimiter(() -> -5).maxBlockSize(200, UNLIMITED_BLOCK)).isEqualTo(UNLIMITED_BLOCK);
    }

    @Test
    void theLimitIsReadAgainForEveryBlock() {
        AtomicInteger reads = new AtomicInteger();
        ReceiverRateLimiter limiter = new ReceiverRateLimiter(() -> reads.incrementAndGet() == 1 ? 100 : 50);

        assertThat(limiter.maxBlockSize(200, UNLIMITED_BLOCK)).isEqualTo(20);
        assertThat(limiter.maxBlockSize(200, UNLIMITED_BLOCK)).isEqualTo(10);
    }

    @Test
    void acquireWithoutLimitReturnsAtOnce() {
        ReceiverRateLimiter limiter = new ReceiverRateLimiter(() -> ReceiverRateLimiter.UNLIMITED);

        for (int i = 0; i < 1000; i++) {
            limiter.acquire(1_000_000);
        }
        // Nothing to assert: without a limit, a million permits a thousand times would otherwise take ages.
    }
}
