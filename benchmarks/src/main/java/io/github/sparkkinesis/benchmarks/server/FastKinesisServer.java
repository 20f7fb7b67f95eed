package io.github.sparkkinesis.benchmarks.server;

import io.github.sparkkinesis.localstack.CleartextHttpServerInitializer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kinesis endpoint on loopback that serves in-memory streams over the real wire protocol (AWS JSON 1.1, CBOR or
 * JSON, over HTTP/1.1 or cleartext HTTP/2 on the same port), fast enough that the client under test, not the server, limits a benchmark: a 10,000-record GetRecords
 * takes a few milliseconds. An unmodified SDK {@code KinesisClient}/{@code KinesisAsyncClient} works against
 * {@link #endpoint()} with its default settings, and so does the KCL with polling retrieval. For benchmarks only:
 * no authentication, resharding, retention or iterator expiry, and no throttling unless started with
 * {@link ThroughputLimits#KINESIS} (then it keeps Kinesis's per-shard read limits and its control-plane rates).
 *
 * <pre>{@code
 * try (FastKinesisServer server = FastKinesisServer.start()) {
 *     InMemoryStream stream = server.createStream("bench", 4);
 *     stream.preload(1_000_000, RecordPayloadGenerator.repeating(100));
 *     KinesisClient client = KinesisClient.builder().endpointOverride(server.endpoint())...build();
 * }
 * }</pre>
 *
 * <p>Operations served: CreateStream, ListStreams, DescribeStream, DescribeStreamSummary, ListShards,
 * GetShardIterator, GetRecords, PutRecord, PutRecords. Any other answers UnknownOperationException (logged once).
 */
public final class FastKinesisServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FastKinesisServer.class);

    /** PutRecords carries at most 5 MiB (10 MiB with large records) of data, a third more as base64 JSON. */
    private static final int MAX_REQUEST_BYTES = 64 * 1024 * 1024;

    private final StreamRegistry streams;
    private final KinesisHttpHandler handler;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final int port;

    private FastKinesisServer(int port, int ioThreads, ThroughputLimits limits) throws InterruptedException {
        this.streams = new StreamRegistry(limits);
        this.handler = new KinesisHttpHandler(new KinesisDispatcher(streams));
        this.acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("fast-kinesis-accept", true),
                NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("fast-kinesis-io", true),
                NioIoHandler.newFactory());
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(acceptors, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    // Small responses (GetShardIterator, PutRecords) must not wait for Nagle's algorithm.
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // HTTP/1.1 and h2c on one port: the KCL's Kinesis client (Spark's connector) speaks HTTP/2.
                    .childHandler(new CleartextHttpServerInitializer(MAX_REQUEST_BYTES, () -> handler));
            this.channel = bootstrap.bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
            this.port = ((InetSocketAddress) channel.localAddress()).getPort();
        } catch (InterruptedException | RuntimeException e) {
            shutDownEventLoops();
            throw e;
        }
        LOG.info("FastKinesisServer listening on {} with {} I/O threads, limits {}", endpoint(), ioThreads, limits);
    }

    /** Starts a server on a free loopback port with one I/O thread per processor. */
    public static FastKinesisServer start() {
        return start(0);
    }

    /** Starts a server on the given loopback port (0 for a free one) with one I/O thread per processor. */
    public static FastKinesisServer start(int port) {
        return start(port, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Starts a server on the given loopback port (0 for a free one). Each connection is served by one of
     * {@code ioThreads} threads, so that many GetRecords calls can be answered in parallel.
     */
    public static FastKinesisServer start(int port, int ioThreads) {
        return start(port, ioThreads, ThroughputLimits.UNLIMITED);
    }

    /** As {@link #start(int, int)}, answering calls beyond {@code limits} with Kinesis's throttling errors. */
    public static FastKinesisServer start(int port, int ioThreads, ThroughputLimits limits) {
        if (ioThreads < 1) {
            throw new IllegalArgumentException("ioThreads must be positive: " + ioThreads);
        }
        try {
            return new FastKinesisServer(port, ioThreads, limits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting FastKinesisServer", e);
        }
    }

    public int port() {
        return port;
    }

    /** The URI to give the SDK's {@code endpointOverride}: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Creates an ACTIVE stream whose shards split the hash key space evenly.
     *
     * @throws IllegalStateException if a stream of that name exists
     */
    public InMemoryStream createStream(String name, int shardCount) {
        return streams.create(name, shardCount)
                .orElseThrow(() -> new IllegalStateException("Stream " + name + " already exists"));
    }

    /** The stream of that name, whether created here or by a CreateStream request. */
    public Optional<InMemoryStream> stream(String name) {
        return streams.find(name);
    }

    /** The requests served so far and the time spent on them. */
    public RequestStatistics statistics() {
        return handler.statistics();
    }

    /** Calls answered with a throttling error because of the server's {@link ThroughputLimits}, by operation. */
    public Map<String, Long> throttledCalls() {
        return handler.throttledCalls();
    }

    /** Calls answered so far, errors included, by operation. */
    public Map<String, Long> calls() {
        return handler.calls();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        shutDownEventLoops();
        LOG.info("FastKinesisServer on port {} stopped: {}", port, statistics());
    }

    private void shutDownEventLoops() {
        acceptors.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
