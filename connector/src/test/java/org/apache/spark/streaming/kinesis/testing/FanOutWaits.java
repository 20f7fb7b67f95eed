package org.apache.spark.streaming.kinesis.testing;

import io.github.sparkkinesis.localstack.Eventually;
import io.github.sparkkinesis.localstack.fanout.FanOutKinesisServer;
import java.time.Duration;

/** Waits on the test kit's enhanced fan-out server, for the DStream's and the source's fan-out tests. */
public final class FanOutWaits {

    private FanOutWaits() {
    }

    /**
     * Waits until the stream has subscriptions and all are older than the server's re-subscribe guard (Kinesis's
     * 5 s): a test that then ends them sees the client subscribe again at once, as after Kinesis's 5 minutes.
     */
    public static void awaitSubscriptionsOlderThanTheGuard(FanOutKinesisServer fanOut, String stream,
            Duration timeout) {
        Eventually.await(timeout, () -> fanOut.activeSubscriptions(stream) > 0
                        && fanOut.activeSubscriptionsYoungerThan(stream, fanOut.settings().resubscribeGuard()) == 0,
                () -> fanOut.activeSubscriptions(stream) + " subscriptions to " + stream);
    }
}
