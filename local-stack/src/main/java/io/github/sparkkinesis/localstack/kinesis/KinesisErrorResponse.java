package io.github.sparkkinesis.localstack.kinesis;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

/**
 * The HTTP answer of a loopback Kinesis server to a request that failed with a {@link KinesisServiceError}, as the
 * AWS JSON 1.1 protocol has it: the error's status, the error code in the {@code x-amzn-ErrorType} header and a body
 * {@code {"__type": code, "message": message}} in the encoding the request used (the SDK takes the code from either
 * and throws the exception class of that name).
 *
 * <pre>{@code
 * FullHttpResponse response = KinesisErrorResponse.of(error, "application/x-amz-cbor-1.1");
 * response.headers().set("x-amzn-RequestId", requestId);   // and whatever else the server adds to every answer
 * }</pre>
 *
 * The body is written with the streaming Jackson the AWS SDK carries, so the test kit adds no Jackson of its own.
 */
public final class KinesisErrorResponse {

    /** The content types of the SDK's CBOR encoding start so; every other type is answered in JSON. */
    private static final String CBOR_CONTENT_TYPE_PREFIX = "application/x-amz-cbor";
    private static final AsciiString ERROR_TYPE = AsciiString.cached("x-amzn-ErrorType");
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonFactory CBOR = new CBORFactory();

    private KinesisErrorResponse() {
    }

    /**
     * The error answer, with its status, {@code Content-Type}, {@code x-amzn-ErrorType} and body set. The caller adds
     * what its server adds to every answer (request id, content length, keep-alive).
     *
     * @param error the error to answer
     * @param contentType the content type the request was sent with, e.g. {@code application/x-amz-cbor-1.1} (the
     *     SDK's default for Kinesis) or {@code application/x-amz-json-1.1}; the answer is encoded the same way
     */
    public static FullHttpResponse of(KinesisServiceError error, String contentType) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(error.status()), Unpooled.wrappedBuffer(body(error, contentType)));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(ERROR_TYPE, error.code());
        return response;
    }

    private static byte[] body(KinesisServiceError error, String contentType) {
        JsonFactory factory = contentType.startsWith(CBOR_CONTENT_TYPE_PREFIX) ? CBOR : JSON;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = factory.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("__type", error.code());
            if (error.getMessage() != null) {
                generator.writeStringField("message", error.getMessage());
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the " + error.code() + " answer", e);
        }
        return out.toByteArray();
    }
}
