package io.github.sparkkinesis.sql.internal.fanout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisConnection;
import org.apache.spark.streaming.kinesis.internal.fanout.KinesisFanOutClient;
import org.apache.spark.streaming.kinesis.internal.fanout.StreamConsumerRegistrar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enhanced fan-out consumers a query reads through, one of the query's consumer name per stream: found, or
 * registered and waited for until ACTIVE, when the query starts (on the driver, with the connector's
 * {@link StreamConsumerRegistrar}: Kinesis's registration rate, its limit of 20 consumers per stream and consumers
 * still being deleted are handled there); deregistered when the query stops only if asked.
 */
public final class QueryConsumers {

    private static final Logger LOG = LoggerFactory.getLogger(QueryConsumers.class);

    private final KinesisConnection connection;
    private final Map<String, String> arnsByStream;

    private QueryConsumers(KinesisConnection connection, Map<String, String> arnsByStream) {
        this.connection = connection;
        this.arnsByStream = Map.copyOf(arnsByStream);
    }

    /**
     * The ACTIVE consumers named {@code consumerName} of each stream, registered where missing.
     *
     * @throws org.apache.spark.streaming.kinesis.internal.fanout.StreamConsumerException if one cannot be had (the
     *         stream's limit of consumers reached, access denied, not ACTIVE in time); the message says which
     */
    public static QueryConsumers activate(KinesisConnection connection, List<String> streams, String consumerName) {
        Map<String, String> arns = new LinkedHashMap<>();
        try (KinesisFanOutClient client = new KinesisFanOutClient(connection)) {
            StreamConsumerRegistrar registrar = new StreamConsumerRegistrar(client.kinesis());
            for (String stream : streams) {
                arns.put(stream, registrar.activeConsumer(stream, consumerName));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while registering enhanced fan-out consumer "
                    + consumerName, e);
        }
        return new QueryConsumers(connection, arns);
    }

    /** Per stream, the ARN of its consumer. */
    public Map<String, String> arnsByStream() {
        return arnsByStream;
    }

    /** Deregisters every consumer (one already gone is fine); a failure is logged, not thrown, as the query ends. */
    public void deregister() {
        try (KinesisFanOutClient client = new KinesisFanOutClient(connection)) {
            StreamConsumerRegistrar registrar = new StreamConsumerRegistrar(client.kinesis());
            arnsByStream.values().forEach(arn -> {
                try {
                    registrar.deregister(arn);
                } catch (RuntimeException e) {
                    LOG.warn("Could not deregister enhanced fan-out consumer {}; remove it with aws kinesis "
                            + "deregister-stream-consumer --consumer-arn {}", arn, arn, e);
                }
            });
        }
    }
}
