package io.github.sparkkinesis.localstack.fanout;

import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;
import software.amazon.awssdk.thirdparty.jackson.core.JsonGenerator;
import software.amazon.awssdk.thirdparty.jackson.core.JsonParser;
import software.amazon.awssdk.thirdparty.jackson.core.JsonToken;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORFactory;
import software.amazon.awssdk.thirdparty.jackson.dataformat.cbor.CBORGenerator;

/**
 * The two encodings of Kinesis's AWS JSON 1.1 protocol, read and written with the streaming Jackson the AWS SDK
 * itself carries (so the test kit adds no Jackson version of its own to Spark's class path). Documents are plain
 * Java values: {@code Map} (objects), {@code List}, {@code String}, {@code Number}, {@code Boolean}, {@code byte[]}
 * (blobs) and {@code Instant} (timestamps). The two encodings differ only in blobs and timestamps:
 * <ul>
 * <li>CBOR ({@code application/x-amz-cbor-1.1}, the SDK's default for Kinesis): blobs are byte strings; timestamps
 * are tag 1 with an integer of epoch <em>milliseconds</em>, which is how the SDK writes and reads them.</li>
 * <li>JSON ({@code application/x-amz-json-1.1}): blobs are base64 strings; timestamps are epoch seconds with a
 * fraction.</li>
 * </ul>
 */
enum WireFormat {

    CBOR("application/x-amz-cbor-1.1", new CBORFactory()) {
        @Override
        void writeTimestamp(JsonGenerator generator, Instant time) throws IOException {
            ((CBORGenerator) generator).writeTag(1);
            generator.writeNumber(time.toEpochMilli());
        }

        @Override
        void writeBlob(JsonGenerator generator, byte[] bytes) throws IOException {
            generator.writeBinary(bytes);
        }

        @Override
        Instant timestamp(Object value) {
            // Integers are what the SDK sends (milliseconds); a fraction can only mean seconds.
            if (value instanceof Long || value instanceof Integer || value instanceof java.math.BigInteger) {
                return Instant.ofEpochMilli(((Number) value).longValue());
            }
            return seconds(new BigDecimal(value.toString()));
        }
    },

    JSON("application/x-amz-json-1.1", new JsonFactory()) {
        @Override
        void writeTimestamp(JsonGenerator generator, Instant time) throws IOException {
            generator.writeNumber(BigDecimal.valueOf(time.toEpochMilli()).movePointLeft(3));
        }

        @Override
        void writeBlob(JsonGenerator generator, byte[] bytes) throws IOException {
            generator.writeString(Base64.getEncoder().encodeToString(bytes));
        }

        @Override
        Instant timestamp(Object value) {
            return seconds(new BigDecimal(value.toString()));
        }
    };

    private final String contentType;
    private final JsonFactory factory;

    WireFormat(String contentType, JsonFactory factory) {
        this.contentType = contentType;
        this.factory = factory;
    }

    /** CBOR for the SDK's CBOR content type, JSON for anything else (the JSON 1.0 and 1.1 types, or none). */
    static WireFormat forContentType(String contentType) {
        return contentType != null && contentType.startsWith("application/x-amz-cbor") ? CBOR : JSON;
    }

    String contentType() {
        return contentType;
    }

    /** The request document; an empty body is an empty object. */
    Map<String, Object> read(byte[] body) {
        if (body.length == 0) {
            return Map.of();
        }
        try (JsonParser parser = factory.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw KinesisServiceError.invalidArgument("The request body is not a " + this + " object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> document = (Map<String, Object>) value(parser, first);
            return document;
        } catch (IOException e) {
            throw KinesisServiceError.invalidArgument("Cannot parse the " + this + " request body: " + e.getMessage());
        }
    }

    /** The encoded document. */
    byte[] write(Map<String, ?> document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = factory.createGenerator(out)) {
            writeValue(generator, document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A timestamp member of a request, as this encoding writes it. */
    abstract Instant timestamp(Object value);

    abstract void writeTimestamp(JsonGenerator generator, Instant time) throws IOException;

    abstract void writeBlob(JsonGenerator generator, byte[] bytes) throws IOException;

    private void writeValue(JsonGenerator generator, Object value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (value instanceof Map<?, ?> map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() != null) {
                    generator.writeFieldName(entry.getKey().toString());
                    writeValue(generator, entry.getValue());
                }
            }
            generator.writeEndObject();
        } else if (value instanceof List<?> list) {
            generator.writeStartArray();
            for (Object element : list) {
                writeValue(generator, element);
            }
            generator.writeEndArray();
        } else if (value instanceof String text) {
            generator.writeString(text);
        } else if (value instanceof Integer || value instanceof Long) {
            generator.writeNumber(((Number) value).longValue());
        } else if (value instanceof Boolean bool) {
            generator.writeBoolean(bool);
        } else if (value instanceof byte[] bytes) {
            writeBlob(generator, bytes);
        } else if (value instanceof Instant time) {
            writeTimestamp(generator, time);
        } else {
            throw new IllegalArgumentException("Cannot encode a " + value.getClass().getName());
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.getCurrentName();
                    object.put(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDecimalValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            case VALUE_EMBEDDED_OBJECT -> {
                return parser.getBinaryValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IOException("Unexpected " + token);
        }
    }

    private static Instant seconds(BigDecimal seconds) {
        return Instant.ofEpochMilli(seconds.movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact());
    }
}
