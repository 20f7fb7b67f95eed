package io.github.sparkkinesis.localstack.fanout;

import io.github.sparkkinesis.localstack.Eventually;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;

/** Waits for a registered consumer to become ACTIVE, as a reader must before it subscribes. */
final class ActiveConsumer {

    /** Generous: registration is quick on loopback, but a busy machine may starve the server for a while. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ActiveConsumer() {
    }

    static ConsumerDescription await(KinesisAsyncClient client, String consumerArn) {
        AtomicReference<ConsumerDescription> last = new AtomicReference<>();
        Eventually.await(TIMEOUT, () -> {
            last.set(client.describeStreamConsumer(b -> b.consumerARN(consumerArn)).join().consumerDescription());
            return last.get().consumerStatus() == ConsumerStatus.ACTIVE;
        }, () -> "consumer " + consumerArn + " ACTIVE, still " + last.get().consumerStatus());
        return last.get();
    }
}
