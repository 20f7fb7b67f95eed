package io.github.sparkkinesis.localstack;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one top-level whole-number field (such as {@code Limit} of a GetRecords call) from the body of an AWS
 * JSON-protocol request, in JSON or in the CBOR the AWS SDK sends to Kinesis by default.
 */
final class RequestFields {

    private RequestFields() {
    }

    /** The field's value, or null if the body has no such whole-number field. */
    static Long number(byte[] body, boolean cbor, String field) {
        try {
            return cbor ? cborNumber(body, field) : jsonNumber(body, field);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Long jsonNumber(byte[] body, String field) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)")
                .matcher(new String(body, StandardCharsets.UTF_8));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : null;
    }

    private static Long cborNumber(byte[] body, String field) {
        return Cbor.decode(body) instanceof Map<?, ?> map && map.get(field) instanceof Long value ? value : null;
    }
}
