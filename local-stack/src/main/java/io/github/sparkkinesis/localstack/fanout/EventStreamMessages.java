package io.github.sparkkinesis.localstack.fanout;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * The messages of a SubscribeToShard answer in the AWS event-stream framing (prelude, headers, payload and CRCs,
 * encoded by the AWS {@code eventstream} library the SDK decodes them with): the {@code initial-response} event,
 * {@code SubscribeToShardEvent}s and exceptions. Payloads are JSON documents, which the SDK reads with either of
 * its Kinesis encodings (as it does from Kinesis itself and from kinesis-mock).
 */
final class EventStreamMessages {

    private static final String JSON = "application/json";

    private EventStreamMessages() {
    }

    /** The first message of every subscription: an empty {@code initial-response} event. */
    static byte[] initialResponse() {
        return event("initial-response", Map.of());
    }

    /** A {@code SubscribeToShardEvent} with the given members (Records, ContinuationSequenceNumber...). */
    static byte[] subscribeToShardEvent(Map<String, ?> document) {
        return event("SubscribeToShardEvent", document);
    }

    /** An exception that ends the subscription, e.g. {@code ResourceInUseException}. */
    static byte[] exception(String code, String message) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("exception"));
        headers.put(":exception-type", HeaderValue.fromString(code));
        headers.put(":content-type", HeaderValue.fromString(JSON));
        return encode(headers, WireFormat.JSON.write(Map.of("message", message)));
    }

    private static byte[] event(String type, Map<String, ?> document) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("event"));
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString(JSON));
        return encode(headers, WireFormat.JSON.write(document));
    }

    private static byte[] encode(Map<String, HeaderValue> headers, byte[] payload) {
        java.nio.ByteBuffer buffer = new Message(headers, payload).toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
