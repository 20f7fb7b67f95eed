package io.github.sparkkinesis.localstack.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;

/** Waits for a registered consumer to become ACTIVE, as a reader must before it subscribes. */
final class ActiveConsumer {

    /** Generous: registration is quick on loopback, but a busy machine may starve the server for a while. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;

    private ActiveConsumer() {
    }

    static ConsumerDescription await(KinesisAsyncClient client, String consumerArn) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            ConsumerDescription description = client.describeStreamConsumer(b -> b.consumerARN(consumerArn)).join()
                    .consumerDescription();
            if (description.consumerStatus() == ConsumerStatus.ACTIVE) {
                return description;
            }
            assertThat(System.nanoTime()).as("consumer " + consumerArn + " ACTIVE").isLessThan(deadline);
            Thread.sleep(POLL_MILLIS);
        }
    }
}
