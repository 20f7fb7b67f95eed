package io.github.sparkkinesis.localstack.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;

class KinesisErrorResponseTest {

    private static final String CBOR = "application/x-amz-cbor-1.1";
    private static final String JSON = "application/x-amz-json-1.1";

    @Test
    void answersInCborWhenAskedInCbor() throws IOException {
        FullHttpResponse response = KinesisErrorResponse.of(KinesisServiceError.resourceNotFound("Stream gone"), CBOR);
        try {
            assertThat(response.status().code()).isEqualTo(400);
            assertThat(response.headers().get("Content-Type")).isEqualTo(CBOR);
            assertThat(response.headers().get("x-amzn-ErrorType")).isEqualTo("ResourceNotFoundException");
            assertThat(members(new CBORFactory(), response)).containsExactly(
                    Map.entry("__type", "ResourceNotFoundException"), Map.entry("message", "Stream gone"));
        } finally {
            response.release();
        }
    }

    @Test
    void answersInJsonOtherwiseWithTheMessageEscaped() throws IOException {
        String message = "Bad \"StreamName\"\n";
        FullHttpResponse response = KinesisErrorResponse.of(KinesisServiceError.internalFailure(message), JSON);
        try {
            assertThat(response.status().code()).isEqualTo(500);
            assertThat(response.headers().get("Content-Type")).isEqualTo(JSON);
            assertThat(response.headers().get("x-amzn-ErrorType")).isEqualTo("InternalFailureException");
            assertThat(members(new JsonFactory(), response)).containsExactly(
                    Map.entry("__type", "InternalFailureException"), Map.entry("message", message));
        } finally {
            response.release();
        }
    }

    private static Map<String, String> members(JsonFactory factory, FullHttpResponse response) throws IOException {
        Map<String, String> members = new LinkedHashMap<>();
        try (JsonParser parser = factory.createParser(ByteBufUtil.getBytes(response.content()))) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.getCurrentName();
                parser.nextToken();
                members.put(name, parser.getText());
            }
        }
        return members;
    }
}
