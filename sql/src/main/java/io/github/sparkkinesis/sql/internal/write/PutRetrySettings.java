package io.github.sparkkinesis.sql.internal.write;

import io.github.sparkkinesis.sql.internal.options.KinesisSinkOptions;
import io.github.sparkkinesis.sql.internal.options.KnownSinkOptions;
import java.io.Serializable;
import java.time.Duration;

/**
 * How long records rejected by Kinesis are retried: at most {@code maxAttempts} attempts per record and
 * {@code maxDuration} from a call's first attempt, waiting between rounds by the connector's one back-off rule
 * (starting at {@code waitTime}, at most {@code maxWait}).
 */
public record PutRetrySettings(int maxAttempts, Duration waitTime, Duration maxWait, Duration maxDuration)
        implements Serializable {

    public static PutRetrySettings of(KinesisSinkOptions options) {
        return new PutRetrySettings(options.maxPutAttempts(), options.retryWaitTime(),
                KnownSinkOptions.MAX_RETRY_WAIT, options.maxRetryDuration());
    }
}
