package io.github.sparkkinesis.localstack;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.util.AsciiString;
import java.util.function.Supplier;

/**
 * The pipeline of a loopback server that speaks HTTP/1.1 and cleartext HTTP/2 on the same port: HTTP/2 with prior
 * knowledge (what the AWS SDK's Netty client sends to an {@code http://} endpoint when asked for HTTP/2, and so what
 * the KCL's Kinesis client speaks), HTTP/2 after an {@code Upgrade: h2c}, and plain HTTP/1.1 with keep-alive. Each
 * request, on an HTTP/1.1 connection or on an HTTP/2 stream, reaches a handler of the server as one
 * {@link FullHttpRequest} (HTTP/2 requests converted to HTTP/1.1 objects, and the handler's {@code FullHttpResponse}
 * converted back), so one handler serves both protocols.
 *
 * <pre>{@code
 * new ServerBootstrap().group(acceptor, io).channel(NioServerSocketChannel.class)
 *         .childHandler(new CleartextHttpServerInitializer(16 << 20, () -> new MyHandler()))
 * }</pre>
 *
 * <p>The handler supplier is called once per HTTP/1.1 connection and once per HTTP/2 stream; a
 * {@link ChannelHandler.Sharable} handler may be returned every time.
 */
public final class CleartextHttpServerInitializer extends ChannelInitializer<SocketChannel> {

    private final int maxRequestBytes;
    private final Supplier<? extends ChannelHandler> requestHandler;
    private final ChannelInitializer<Http2StreamChannel> http2Stream;

    /**
     * @param maxRequestBytes the largest request body accepted (a larger one is answered 413)
     * @param requestHandler makes the handler of {@link FullHttpRequest}s of a connection or HTTP/2 stream
     */
    public CleartextHttpServerInitializer(int maxRequestBytes, Supplier<? extends ChannelHandler> requestHandler) {
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes must be positive: " + maxRequestBytes);
        }
        this.maxRequestBytes = maxRequestBytes;
        this.requestHandler = requestHandler;
        this.http2Stream = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Http2StreamChannel stream) {
                stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(true),
                        new HttpObjectAggregator(maxRequestBytes), requestHandler.get());
            }
        };
    }

    @Override
    protected void initChannel(SocketChannel connection) {
        HttpServerCodec http1 = new HttpServerCodec();
        HttpServerUpgradeHandler upgrade = new HttpServerUpgradeHandler(http1, protocol ->
                AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
                        ? new Http2ServerUpgradeCodec(Http2FrameCodecBuilder.forServer().build(),
                                new Http2MultiplexHandler(http2Stream))
                        : null);
        ChannelHandler priorKnowledge = new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel http2) {
                http2.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(),
                        new Http2MultiplexHandler(http2Stream));
            }
        };
        connection.pipeline().addLast(
                new CleartextHttp2ServerUpgradeHandler(http1, upgrade, priorKnowledge),
                // HTTP/1.1 requests (no HTTP/2 preface) continue here.
                new HttpServerKeepAliveHandler(),
                new HttpObjectAggregator(maxRequestBytes),
                requestHandler.get());
    }
}
