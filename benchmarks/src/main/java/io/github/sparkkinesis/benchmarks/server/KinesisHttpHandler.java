package io.github.sparkkinesis.benchmarks.server;

import com.fasterxml.jackson.core.JsonGenerator;
import io.github.sparkkinesis.localstack.kinesis.KinesisErrorResponse;
import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the AWS JSON 1.1 protocol: takes a POST whose {@code X-Amz-Target} names the operation, decodes
 * the body in the format its Content-Type names, and answers in the same format: 200 with the operation's
 * document, or the error status with {@code {"__type": ..., "message": ...}} and the type again in
 * {@code x-amzn-ErrorType} (the SDK takes the error code from either). Runs on the Netty event loop: every
 * operation is in-memory and non-blocking, so handing off to another thread would only add latency.
 */
@ChannelHandler.Sharable
final class KinesisHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisHttpHandler.class);

    private static final AsciiString TARGET = AsciiString.cached("x-amz-target");
    private static final AsciiString REQUEST_ID = AsciiString.cached("x-amzn-RequestId");
    private static final int INITIAL_RESPONSE_BYTES = 1024;

    private final KinesisDispatcher dispatcher;
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder handlingNanos = new LongAdder();
    private final Map<String, LongAdder> throttled = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    KinesisHttpHandler(KinesisDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    RequestStatistics statistics() {
        return new RequestStatistics(requests.sum(), errors.sum(), Duration.ofNanos(handlingNanos.sum()));
    }

    /** Calls answered with a throttling error, by operation ({@code X-Amz-Target} without its prefix). */
    Map<String, Long> throttledCalls() {
        return snapshot(throttled);
    }

    /** Calls answered, errors included, by operation. */
    Map<String, Long> calls() {
        return snapshot(calls);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
        Map<String, Long> counts = new TreeMap<>();
        counters.forEach((operation, count) -> counts.put(operation, count.sum()));
        return counts;
    }

    private static String operation(FullHttpRequest request) {
        String target = String.valueOf(request.headers().get(TARGET));
        return target.substring(target.indexOf('.') + 1);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        long started = System.nanoTime();
        WireFormat format = WireFormat.forContentType(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        ByteBuf body = ctx.alloc().buffer(INITIAL_RESPONSE_BYTES);
        KinesisServiceError error = execute(request, format, body);
        FullHttpResponse response;
        if (error == null) {
            response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, format.contentType());
        } else {
            body.release();
            response = KinesisErrorResponse.of(error, format.contentType());
            errors.increment();
            if (error.throttling()) {
                throttled.computeIfAbsent(operation(request), op -> new LongAdder()).increment();
            }
        }
        response.headers().set(REQUEST_ID, requestId());
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, HttpUtil.isKeepAlive(request));
        requests.increment();
        calls.computeIfAbsent(operation(request), op -> new LongAdder()).increment();
        handlingNanos.add(System.nanoTime() - started);
        ctx.writeAndFlush(response);
    }

    /** Runs the operation the request names, writing its response into the body; returns the error if it failed. */
    private KinesisServiceError execute(FullHttpRequest request, WireFormat format, ByteBuf body) {
        try {
            Operation operation = dispatcher.operation(request.headers().get(TARGET));
            KinesisRequest parsed = KinesisRequest.parse(new ByteBufInputStream(request.content()), format);
            try (JsonGenerator generator = format.generator(new ByteBufOutputStream(body))) {
                operation.execute(parsed, new ResponseWriter(generator, format, body::ensureWritable));
            }
            return null;
        } catch (KinesisServiceError e) {
            return e;
        } catch (IOException | RuntimeException e) {
            LOG.error("FastKinesisServer failed on {}", request.headers().get(TARGET), e);
            return KinesisServiceError.internalFailure(String.valueOf(e));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("FastKinesisServer connection {} failed; closing it", ctx.channel(), cause);
        ctx.close();
    }

    /** Request ids only label responses; a random UUID without SecureRandom's cost is enough. */
    private static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
