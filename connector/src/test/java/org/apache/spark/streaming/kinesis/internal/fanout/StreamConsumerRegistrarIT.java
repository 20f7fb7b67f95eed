package org.apache.spark.streaming.kinesis.internal.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import io.github.sparkkinesis.localstack.fanout.StreamConsumer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.streaming.kinesis.SparkAWSCredentials;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;

/** Finding, registering and deregistering consumers against the test kit's enhanced fan-out server. */
@ExtendWith(LocalStackExtension.class)
class StreamConsumerRegistrarIT {

    private static KinesisFanOutClient client;
    private static StreamConsumerRegistrar registrar;

    @BeforeAll
    static void connect(LocalStack stack) {
        client = new KinesisFanOutClient(new KinesisConnection(LocalStack.REGION.id(),
                stack.enhancedFanOut().endpoint(), SparkAWSCredentials.builder()
                        .basicCredentials("local-stack-key", "local-stack-secret").build()));
        registrar = new StreamConsumerRegistrar(client.kinesis());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Test
    void aMissingConsumerIsRegisteredAndAnExistingOneReused(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("registrar", 1);

        String registered = registrar.activeConsumer(stream, "orders-app");
        String reused = registrar.activeConsumer(stream, "orders-app");

        assertThat(reused).isEqualTo(registered);
        assertThat(stack.enhancedFanOut().consumers(stream)).extracting(StreamConsumer::arn, StreamConsumer::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(registered, ConsumerStatus.ACTIVE));
        assertThat(registrar.activeConsumer(registered)).isEqualTo(registered);
    }

    @Test
    void readersStartingTogetherShareOneConsumer(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("together", 1);
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Callable<String>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                starts.add(() -> registrar.activeConsumer(stream, "shared"));
            }
            List<String> arns = new ArrayList<>();
            for (Future<String> arn : readers.invokeAll(starts)) {
                arns.add(arn.get());
            }

            assertThat(arns).containsOnly(arns.get(0));
            assertThat(stack.enhancedFanOut().consumers(stream)).hasSize(1);
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void aConsumerBeingDeletedIsRegisteredAgainOnceGone(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("again", 1);
        String first = registrar.activeConsumer(stream, "restarted");
        registrar.deregister(first);
        assertThat(stack.enhancedFanOut().consumers(stream)).extracting(StreamConsumer::status)
                .containsExactly(ConsumerStatus.DELETING);

        String second = registrar.activeConsumer(stream, "restarted");

        assertThat(stack.enhancedFanOut().consumers(stream)).extracting(StreamConsumer::arn, StreamConsumer::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(second, ConsumerStatus.ACTIVE));
        registrar.deregister(second);
        registrar.deregister(second);
    }

    @Test
    void aStreamAtTheConsumerLimitFailsSayingWhichConsumersThereAre(LocalStack stack) throws Exception {
        String stream = stack.streams().createUniqueStream("full", 1);
        for (int i = 0; i < StreamConsumerRegistrar.MAX_CONSUMERS_PER_STREAM; i++) {
            registrar.activeConsumer(stream, "app-" + i);
        }

        assertThatThrownBy(() -> registrar.activeConsumer(stream, "one-more"))
                .isInstanceOf(StreamConsumerException.class)
                .hasMessageContaining("stream " + stream + " already has 20 consumers, Kinesis's limit")
                .hasMessageContaining("app-19")
                .hasMessageContaining("aws kinesis deregister-stream-consumer")
                .satisfies(e -> assertThat(((StreamConsumerException) e).isPermanent()).isTrue());
        // An existing one is still found.
        assertThat(registrar.activeConsumer(stream, "app-3")).contains("/consumer/app-3:");
    }

    @Test
    void anArnOfNoConsumerFailsForGood(LocalStack stack) {
        String stream = stack.streams().createUniqueStream("missing", 1);
        String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream + "/consumer/nobody:1700000000";

        assertThatThrownBy(() -> registrar.activeConsumer(arn))
                .isInstanceOf(StreamConsumerException.class)
                .hasMessageContaining("Enhanced fan-out consumer " + arn + " does not exist")
                .satisfies(e -> assertThat(((StreamConsumerException) e).isPermanent()).isTrue());
    }
}
