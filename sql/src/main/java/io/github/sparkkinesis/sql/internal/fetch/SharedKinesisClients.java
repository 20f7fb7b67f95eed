package io.github.sparkkinesis.sql.internal.fetch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisConnection;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisReadClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * One Kinesis client per connection and JVM, shared by the tasks of every micro-batch: a client holds an HTTP
 * connection pool and (with a role) a credentials refresher, far too much to build for each task. Clients live
 * as long as the executor; a query uses one connection, so there are as many clients as queries with different
 * connections ever ran in the executor.
 */
public final class SharedKinesisClients {

    private static final Map<KinesisConnection, KinesisReadClient> CLIENTS = new ConcurrentHashMap<>();

    private SharedKinesisClients() {
    }

    public static KinesisClient forConnection(KinesisConnection connection) {
        return CLIENTS.computeIfAbsent(connection, KinesisReadClient::new).kinesis();
    }
}
