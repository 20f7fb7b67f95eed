package io.github.sparkkinesis.sql.internal.fetch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisConnection;
import org.apache.spark.streaming.kinesis.internal.aws.KinesisReadClient;
import org.apache.spark.streaming.kinesis.internal.fanout.KinesisFanOutClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * One Kinesis client per connection and JVM, shared by the tasks of every micro-batch: a client holds an HTTP
 * connection pool and (with a role) a credentials refresher, far too much to build for each task. Clients live
 * as long as the executor; a query uses one connection, so there are as many clients as queries with different
 * connections ever ran in the executor. Queries reading with enhanced fan-out also get an asynchronous HTTP/2 client
 * per connection for their subscriptions.
 */
public final class SharedKinesisClients {

    private static final Map<KinesisConnection, KinesisReadClient> CLIENTS = new ConcurrentHashMap<>();
    private static final Map<KinesisConnection, KinesisFanOutClient> FAN_OUT_CLIENTS = new ConcurrentHashMap<>();

    private SharedKinesisClients() {
    }

    public static KinesisClient forConnection(KinesisConnection connection) {
        return CLIENTS.computeIfAbsent(connection, KinesisReadClient::new).kinesis();
    }

    /** The client that subscribes to shards through enhanced fan-out consumers (HTTP/2, see FanOutHttp). */
    public static KinesisAsyncClient fanOut(KinesisConnection connection) {
        return FAN_OUT_CLIENTS.computeIfAbsent(connection, KinesisFanOutClient::new).kinesis();
    }
}
