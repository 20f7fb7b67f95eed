package org.apache.spark.streaming.kinesis.internal.fanout;

import java.time.Duration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.Http2Configuration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;

/**
 * The HTTP settings of every Kinesis client that reads with enhanced fan-out (the DStream receiver's KCL client and
 * the Structured Streaming source's subscriptions), in one place.
 *
 * <p>A subscription is one HTTP/2 stream that stays open for up to 5 minutes, so the client must not treat a long
 * response as a stuck one: there is no overall call timeout on these clients, and the read timeout is an idle
 * timeout between two events (Kinesis sends an event at least every few seconds, even without records). HTTP/2
 * pings every {@link #HEALTH_CHECK_PING_PERIOD} keep idle connections alive through NATs and load balancers and
 * find a dead one within seconds instead of at the read timeout. The flow-control window is the KCL's (512 KiB):
 * large enough for a full event, small enough that a receiver that falls behind holds Kinesis back instead of
 * buffering.
 */
public final class FanOutHttp {

    /** HTTP/2 flow-control window per stream (the KCL's value). */
    public static final int INITIAL_WINDOW_BYTES = 512 * 1024;
    /** HTTP/2 PING period on idle connections. */
    public static final Duration HEALTH_CHECK_PING_PERIOD = Duration.ofSeconds(10);
    /** Longest gap between two events of a subscription before the client gives up on it and subscribes again. */
    public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private FanOutHttp() {
    }

    /** Sets HTTP/2 and the settings above on a Netty client builder (whose event loop the caller may set). */
    public static NettyNioAsyncHttpClient.Builder configure(NettyNioAsyncHttpClient.Builder builder) {
        return builder.protocol(Protocol.HTTP2)
                // One HTTP/2 stream per shard: as many as the receiver or executor has shards.
                .maxConcurrency(Integer.MAX_VALUE)
                .readTimeout(READ_TIMEOUT)
                .tcpKeepAlive(true)
                .http2Configuration(Http2Configuration.builder()
                        .initialWindowSize(INITIAL_WINDOW_BYTES)
                        .healthCheckPingPeriod(HEALTH_CHECK_PING_PERIOD)
                        .build());
    }
}
