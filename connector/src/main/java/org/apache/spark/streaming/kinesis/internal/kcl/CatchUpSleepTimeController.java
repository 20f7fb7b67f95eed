package org.apache.spark.streaming.kinesis.internal.kcl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import software.amazon.kinesis.retrieval.polling.SleepTimeController;
import software.amazon.kinesis.retrieval.polling.SleepTimeControllerConfig;

/**
 * Decides how long a shard's poller waits before its next GetRecords call. A shard that is behind (its last call
 * returned records and Kinesis reported it behind the newest record) is read again as soon as the per-shard limit
 * of five calls per second allows, so a backlog drains at the rate Kinesis serves it. A caught-up shard waits the
 * idle time, counted from the end of the previous call.
 *
 * <p>The KCL's own controller waits the idle time after every call, which caps a backlog at one batch per idle
 * time (with a one-second idle time, the way Spark's connector polls, that is half of what Kinesis would serve).
 */
final class CatchUpSleepTimeController implements SleepTimeController {

    private final long idleMillis;
    private final long minMillisBetweenCalls;
    private final Clock clock;

    CatchUpSleepTimeController(Duration idle, Duration minBetweenCalls, Clock clock) {
        this.idleMillis = idle.toMillis();
        this.minMillisBetweenCalls = minBetweenCalls.toMillis();
        this.clock = clock;
    }

    @Override
    public long getSleepTimeMillis(SleepTimeControllerConfig last) {
        Instant lastCall = last.lastSuccessfulCall();
        if (lastCall == null) {
            // The first call, or the previous one failed (throttled, timed out): a full pause before trying again.
            return idleMillis;
        }
        long pause = isBehind(last) ? minMillisBetweenCalls : idleMillis;
        long sinceLastCall = Math.max(0, Duration.between(lastCall, clock.instant()).toMillis());
        return Math.max(0, pause - sinceLastCall);
    }

    private static boolean isBehind(SleepTimeControllerConfig last) {
        Integer records = last.lastRecordsCount();
        Long millisBehind = last.lastMillisBehindLatest();
        return records != null && records > 0 && millisBehind != null && millisBehind > 0;
    }
}
