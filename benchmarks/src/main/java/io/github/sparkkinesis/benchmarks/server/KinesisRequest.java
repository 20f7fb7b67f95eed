package io.github.sparkkinesis.benchmarks.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.github.sparkkinesis.localstack.kinesis.KinesisServiceError;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The members of a request document (or of a structure inside one), read by name. Absent and null members read as
 * {@code null}; the {@code required...} readers answer the ValidationException Kinesis gives for a missing member.
 */
final class KinesisRequest {

    private final JsonNode document;
    private final WireFormat format;

    private KinesisRequest(JsonNode document, WireFormat format) {
        this.document = document;
        this.format = format;
    }

    /** Parses a request body; an empty body is an empty document, as for operations without members. */
    static KinesisRequest parse(InputStream body, WireFormat format) {
        JsonNode document;
        try {
            document = format.readTree(body);
        } catch (IOException e) {
            throw KinesisServiceError.validation("Cannot parse the " + format + " request body: " + e.getMessage());
        }
        if (document == null || document.isMissingNode()) {
            document = MissingNode.getInstance();
        } else if (!document.isObject()) {
            throw KinesisServiceError.validation("The request body is not a " + format + " object");
        }
        return new KinesisRequest(document, format);
    }

    String string(String member) {
        JsonNode node = member(member);
        return node == null ? null : node.asText();
    }

    String requiredString(String member) {
        String value = string(member);
        if (value == null) {
            throw missing(member);
        }
        return value;
    }

    Integer integer(String member) {
        JsonNode node = member(member);
        if (node == null) {
            return null;
        }
        if (!node.canConvertToInt()) {
            throw KinesisServiceError.validation("Value " + node + " at '" + member + "' is not an integer");
        }
        return node.intValue();
    }

    /** An integer member, or the default, checked against the member's allowed range. */
    int integer(String member, int defaultValue, int min, int max) {
        Integer value = integer(member);
        if (value == null) {
            return defaultValue;
        }
        if (value < min || value > max) {
            throw KinesisServiceError.validation("1 validation error detected: Value '" + value + "' at '" + member
                    + "' failed to satisfy constraint: Member must have value between " + min + " and " + max);
        }
        return value;
    }

    byte[] requiredBlob(String member) {
        JsonNode node = member(member);
        if (node == null) {
            throw missing(member);
        }
        try {
            // A CBOR byte string reads as its bytes, a JSON string as base64.
            return node.binaryValue();
        } catch (IOException | IllegalArgumentException e) {
            throw KinesisServiceError.validation("Value at '" + member + "' is not a valid blob: " + e.getMessage());
        }
    }

    Long timestampMillis(String member) {
        JsonNode node = member(member);
        if (node == null) {
            return null;
        }
        try {
            return format.readTimestamp(node);
        } catch (ArithmeticException | NumberFormatException e) {
            throw KinesisServiceError.validation("Value " + node + " at '" + member + "' is not a timestamp");
        }
    }

    /** A structure member, or {@code null}. */
    KinesisRequest structure(String member) {
        JsonNode node = member(member);
        return node == null ? null : new KinesisRequest(node, format);
    }

    /** A list-of-structures member; absent reads as an empty list. */
    List<KinesisRequest> structures(String member) {
        JsonNode node = member(member);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            throw KinesisServiceError.validation("Value at '" + member + "' is not a list");
        }
        List<KinesisRequest> items = new ArrayList<>(node.size());
        node.forEach(item -> items.add(new KinesisRequest(item, format)));
        return items;
    }

    private JsonNode member(String member) {
        JsonNode node = document.get(member);
        return node == null || node.isNull() ? null : node;
    }

    private static KinesisServiceError missing(String member) {
        return KinesisServiceError.validation("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }
}
