package io.github.sparkkinesis.localstack.fanout;

import io.github.sparkkinesis.localstack.HttpForwarder;
import io.github.sparkkinesis.localstack.kinesis.KinesisErrorResponse;
import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request of the fan-out server (an HTTP/2 stream, or an HTTP/1.1 exchange): the fan-out operations are
 * answered by {@link FanOutOperations}, everything else is passed on to the backing server. Work that waits (the
 * backing server, a subscription's first read) runs on the request executor, never on Netty's event loop.
 */
final class FanOutHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(FanOutHttpHandler.class);
    private static final String TARGET_HEADER = "x-amz-target";
    private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private final FanOutOperations operations;
    private final SubscriptionRegistry subscriptions;
    private final HttpForwarder backend;
    private final Executor requests;
    private volatile ShardSubscription subscription;

    FanOutHttpHandler(FanOutOperations operations, SubscriptionRegistry subscriptions, HttpForwarder backend,
            Executor requests) {
        this.operations = operations;
        this.subscriptions = subscriptions;
        this.backend = backend;
        this.requests = requests;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        byte[] body = ByteBufUtil.getBytes(request.content());
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(header ->
                headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(header.getValue()));
        String target = request.headers().get(TARGET_HEADER);
        String operation = target == null ? "" : target.substring(target.lastIndexOf('.') + 1);
        WireFormat format = WireFormat.forContentType(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String method = request.method().name();
        String uri = request.uri();
        Channel channel = ctx.channel();
        requests.execute(() -> {
            try {
                if (operation.equals("SubscribeToShard")) {
                    subscribe(channel, format, body);
                } else if (FanOutOperations.NAMES.contains(operation)) {
                    answer(channel, keepAlive, format.contentType(),
                            format.write(operations.answer(operation, format.read(body))));
                } else {
                    forward(channel, keepAlive, operation, method, uri, headers, body, format);
                }
            } catch (KinesisServiceError e) {
                error(channel, keepAlive, format, e);
            } catch (Exception e) {
                LOG.warn("{} failed", operation, e);
                error(channel, keepAlive, format, KinesisServiceError.internalFailure(String.valueOf(e.getMessage())));
            }
        });
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        wakeSubscription();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        wakeSubscription();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("Closing a fan-out server channel after an error", cause);
        ctx.close();
    }

    private void wakeSubscription() {
        ShardSubscription current = subscription;
        if (current != null) {
            current.wake();
        }
    }

    private void subscribe(Channel channel, WireFormat format, byte[] body) {
        ShardSubscription admitted = operations.subscribe(format.read(body), format, new ChannelSink(channel));
        subscription = admitted;
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM);
        response.headers().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (!(channel instanceof Http2StreamChannel)) {
            HttpUtil.setTransferEncodingChunked(response, true);
        }
        channel.writeAndFlush(response);
        admitted.begin();
    }

    private void forward(Channel channel, boolean keepAlive, String operation, String method, String uri,
            Map<String, List<String>> headers, byte[] body, WireFormat format) throws java.io.IOException {
        HttpForwarder.Answer answer = backend.forward(method, uri, headers, body);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        answer.headers().forEach((name, values) -> response.headers().set(name, values));
        send(channel, keepAlive, response);
        if (answer.status() == 200 && (operation.equals("PutRecord") || operation.equals("PutRecords"))) {
            // Records were put: subscriptions to the stream read now instead of at their next poll.
            Map<String, Object> request = format.read(body);
            Object stream = request.get("StreamName");
            if (stream == null && request.get("StreamARN") instanceof String arn) {
                stream = StreamArns.streamName(arn);
            }
            if (stream instanceof String streamName) {
                subscriptions.wake(streamName);
            }
        }
    }

    private static void answer(Channel channel, boolean keepAlive, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        send(channel, keepAlive, response);
    }

    private static void error(Channel channel, boolean keepAlive, WireFormat format, KinesisServiceError error) {
        send(channel, keepAlive, KinesisErrorResponse.of(error, format.contentType()));
    }

    private static void send(Channel channel, boolean keepAlive, FullHttpResponse response) {
        response.headers().set("x-amzn-RequestId", UUID.randomUUID().toString());
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (!(channel instanceof Http2StreamChannel)) {
            HttpUtil.setKeepAlive(response, keepAlive);
        }
        channel.writeAndFlush(response);
    }

    /** A subscription's events as the chunks of one streamed response. */
    private static final class ChannelSink implements SubscriptionSink {
        private final Channel channel;

        ChannelSink(Channel channel) {
            this.channel = channel;
        }

        @Override
        public boolean writable() {
            return channel.isWritable();
        }

        @Override
        public boolean closed() {
            return !channel.isActive();
        }

        @Override
        public void send(byte[] message) {
            channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(message)));
        }

        @Override
        public void end() {
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }
    }
}
