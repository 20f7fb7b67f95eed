package io.github.sparkkinesis.localstack.fanout;

import io.github.sparkkinesis.localstack.CleartextHttpServerInitializer;
import io.github.sparkkinesis.localstack.HttpForwarder;
import io.github.sparkkinesis.localstack.LocalStack;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * A loopback Kinesis endpoint with enhanced fan-out, in front of a Kinesis server that has no (usable) fan-out,
 * such as kinesis-mock. It is a real HTTP/2 server (cleartext, with prior knowledge, as the AWS SDK's Netty client
 * speaks it to an {@code http://} endpoint; HTTP/1.1 too) and answers RegisterStreamConsumer,
 * DescribeStreamConsumer, ListStreamConsumers, DeregisterStreamConsumer and SubscribeToShard itself, over the
 * records of the backing server; every other call is passed on to the backing server. Point clients that read with
 * enhanced fan-out (the KCL's fan-out retrieval, {@code KinesisAsyncClient.subscribeToShard}) at
 * {@link #endpoint()}; producers may use either endpoint (puts through this one reach subscribers at once, others
 * at the next poll).
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start();
 *      FanOutKinesisServer fanOut = FanOutKinesisServer.start(stack.kinesisEndpoint())) {
 *     KinesisAsyncClient kinesis = KinesisAsyncClient.builder().endpointOverride(fanOut.endpoint())
 *             .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2))...build();
 * }
 * }</pre>
 *
 * <p>It keeps Kinesis's rules (see {@link FanOutServerSettings}): consumers CREATING before ACTIVE, 20 per stream,
 * 5 registrations per second, subscriptions that end after 5 minutes, ResourceInUseException for a new subscription
 * to a shard within 5 s of the last one, events with the child shards when a shard ends. Tests can end or fail
 * the running subscriptions ({@link #endSubscriptions()}, {@link #failSubscriptions(String)}). Consumers live in
 * memory and are lost when the server stops. Netty comes from the class path (Spark's, in the tests).
 */
public final class FanOutKinesisServer implements AutoCloseable {

    private static final int MAX_REQUEST_BYTES = 16 * 1024 * 1024;
    private static final int IO_THREADS = 2;
    // A subscription's step may wait for the backing server (kinesis-mock takes up to a second or two per page).
    private static final int SUBSCRIPTION_THREADS = 4;

    private final FanOutServerSettings settings;
    private final KinesisClient backend;
    private final ConsumerRegistry consumers;
    private final SubscriptionRegistry subscriptions;
    private final FanOutOperations operations;
    private final EventLoopGroup acceptor;
    private final EventLoopGroup io;
    private final ExecutorService requests;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Channel channel;

    private FanOutKinesisServer(URI backendEndpoint, FanOutServerSettings settings) throws InterruptedException {
        this.settings = settings;
        this.backend = LocalStack.newKinesisClient(backendEndpoint);
        this.consumers = new ConsumerRegistry(settings, Clock.systemUTC());
        this.subscriptions = new SubscriptionRegistry(settings);
        this.scheduler = new ScheduledThreadPoolExecutor(SUBSCRIPTION_THREADS,
                new DefaultThreadFactory("fan-out-subscription", true));
        scheduler.setRemoveOnCancelPolicy(true);
        this.requests = Executors.newCachedThreadPool(new DefaultThreadFactory("fan-out-request", true));
        this.operations = new FanOutOperations(backend, consumers, subscriptions, settings, scheduler);
        HttpForwarder forwarder = new HttpForwarder(backendEndpoint);
        this.acceptor = new NioEventLoopGroup(1, new DefaultThreadFactory("fan-out-accept", true));
        this.io = new NioEventLoopGroup(IO_THREADS, new DefaultThreadFactory("fan-out-io", true));
        try {
            this.channel = new ServerBootstrap()
                    .group(acceptor, io)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new CleartextHttpServerInitializer(MAX_REQUEST_BYTES,
                            () -> new FanOutHttpHandler(operations, subscriptions, forwarder, requests)))
                    .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdown();
            throw e;
        }
    }

    /** A server in front of {@code backendEndpoint} (e.g. {@code stack.kinesisEndpoint()}), Kinesis's settings. */
    public static FanOutKinesisServer start(URI backendEndpoint) {
        return start(backendEndpoint, FanOutServerSettings.defaults());
    }

    /** A server in front of {@code backendEndpoint} with the given settings, on a free loopback port. */
    public static FanOutKinesisServer start(URI backendEndpoint, FanOutServerSettings settings) {
        try {
            return new FanOutKinesisServer(backendEndpoint, settings);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the fan-out server", e);
        }
    }

    /** The endpoint to give clients, e.g. {@code http://127.0.0.1:45125}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + ((InetSocketAddress) channel.localAddress()).getPort());
    }

    public FanOutServerSettings settings() {
        return settings;
    }

    /** The consumers registered for the stream, in registration order, with their status now. */
    public List<StreamConsumer> consumers(String streamName) {
        return operations.consumersOf(streamName);
    }

    /** How many subscriptions are being served now. */
    public int activeSubscriptions() {
        return subscriptions.active().size();
    }

    /** How many subscriptions to the stream's shards are being served now. */
    public int activeSubscriptions(String streamName) {
        return ofStream(streamName).size();
    }

    /**
     * How many subscriptions to the stream's shards are younger than {@code age}: with the re-subscribe guard, a
     * test waits until none is before it ends them, so that the client's immediate re-subscription is accepted, as
     * it is after Kinesis's 5 minutes.
     */
    public int activeSubscriptionsYoungerThan(String streamName, Duration age) {
        return (int) ofStream(streamName).stream().filter(subscription -> subscription.age().compareTo(age) < 0)
                .count();
    }

    /** How many SubscribeToShard calls started a subscription so far. */
    public long subscriptionsStarted() {
        return subscriptions.accepted();
    }

    /** How many SubscribeToShard calls were refused because the last one to the shard was too recent. */
    public long subscriptionsRefused() {
        return subscriptions.refused();
    }

    /**
     * Ends every running subscription now, as Kinesis does when one reaches its 5 minutes: the response completes
     * after the events already sent, and the client is expected to subscribe again after its last continuation.
     */
    public void endSubscriptions() {
        subscriptions.active().forEach(subscription -> subscription.end("ended by the test"));
    }

    /** {@link #endSubscriptions()} for the subscriptions to one stream's shards. */
    public void endSubscriptions(String streamName) {
        ofStream(streamName).forEach(subscription -> subscription.end("ended by the test"));
    }

    /** Ends every running subscription with an exception event of this code (e.g. "InternalFailureException"). */
    public void failSubscriptions(String errorCode) {
        subscriptions.active().forEach(subscription -> subscription.fail(errorCode, "Injected by the test"));
    }

    /** {@link #failSubscriptions(String)} for the subscriptions to one stream's shards. */
    public void failSubscriptions(String streamName, String errorCode) {
        ofStream(streamName).forEach(subscription -> subscription.fail(errorCode, "Injected by the test"));
    }

    private List<ShardSubscription> ofStream(String streamName) {
        return subscriptions.active().stream()
                .filter(subscription -> subscription.streamName().equals(streamName) && !subscription.finished())
                .toList();
    }

    @Override
    public void close() {
        endSubscriptions();
        shutdown();
    }

    private void shutdown() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        scheduler.shutdownNow();
        requests.shutdownNow();
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        backend.close();
    }

    @Override
    public String toString() {
        return "FanOutKinesisServer[" + endpoint() + "]";
    }
}
