package io.github.sparkkinesis.sql.internal.options;

import static io.github.sparkkinesis.sql.internal.options.KnownOptions.INITIAL_POSITION;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code initialPosition} option, as Databricks' Kinesis source takes it: {@code latest}, {@code trim_horizon}
 * or {@code earliest} (the same), in any case, or a JSON object
 * {@code {"at_timestamp": "06/25/2020 10:23:45 PDT", "format": "MM/dd/yyyy HH:mm:ss ZZZ"}} whose format is
 * optional (see {@link TimestampParser}).
 */
final class InitialPositionParser {

    private static final String AT_TIMESTAMP = "at_timestamp";
    private static final String FORMAT = "format";
    private static final Set<String> JSON_FIELDS = Set.of(AT_TIMESTAMP, FORMAT);
    private static final String EXPECTED = "latest, trim_horizon, earliest, or a JSON object such as "
            + "{\"at_timestamp\": \"2026-11-01T00:00:00Z\"} or {\"at_timestamp\": \"06/25/2020 10:23:45 PDT\", "
            + "\"format\": \"MM/dd/yyyy HH:mm:ss ZZZ\"}";
    // Strict: text after the object or a field given twice is a mistake to report, not to ignore.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private InitialPositionParser() {
    }

    static InitialPosition parse(String value) {
        String trimmed = value.trim();
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "latest":
                return InitialPosition.latest();
            case "trim_horizon":
            case "earliest":
                return InitialPosition.trimHorizon();
            case AT_TIMESTAMP:
                throw OptionErrors.invalidValue(INITIAL_POSITION, value, EXPECTED, "at_timestamp needs its time: "
                        + "give the JSON object");
            default:
                break;
        }
        if (!trimmed.startsWith("{")) {
            throw OptionErrors.invalidValue(INITIAL_POSITION, value, EXPECTED, "remove the option for the default "
                    + KnownOptions.DEFAULT_INITIAL_POSITION);
        }
        return atTimestamp(value, trimmed);
    }

    private static InitialPosition atTimestamp(String value, String json) {
        JsonNode object;
        try {
            object = JSON.readTree(json);
        } catch (JsonProcessingException notJson) {
            throw OptionErrors.invalidValue(INITIAL_POSITION, value, EXPECTED, "it is not valid JSON ("
                    + notJson.getOriginalMessage() + "): check its quotes and braces");
        }
        List<String> unknownFields = new ArrayList<>();
        object.fieldNames().forEachRemaining(field -> {
            if (!JSON_FIELDS.contains(field)) {
                unknownFields.add(field);
            }
        });
        if (!unknownFields.isEmpty()) {
            throw OptionErrors.invalidValue(INITIAL_POSITION, value, EXPECTED, "remove the unknown field(s) "
                    + unknownFields + " (the fields are \"at_timestamp\" and, optionally, \"format\")");
        }
        JsonNode time = object.get(AT_TIMESTAMP);
        if (time == null || !(time.isTextual() || (time.isIntegralNumber() && time.canConvertToLong()))) {
            throw OptionErrors.invalidValue(INITIAL_POSITION, value, EXPECTED, "give \"at_timestamp\" as a string "
                    + "(or as milliseconds since the epoch)");
        }
        JsonNode format = object.get(FORMAT);
        if (format != null && !format.isTextual()) {
            throw OptionErrors.invalidValue(INITIAL_POSITION, value, EXPECTED, "give \"format\" as a string");
        }
        if (format != null && time.isNumber()) {
            throw OptionErrors.invalidValue(INITIAL_POSITION, value, EXPECTED, "\"format\" applies to a string "
                    + "\"at_timestamp\" only: quote the time, or remove \"format\"");
        }
        Instant instant;
        try {
            instant = TimestampParser.parse(time.asText(), format == null ? null : format.asText());
        } catch (IllegalArgumentException notATime) {
            throw OptionErrors.invalidValue(INITIAL_POSITION, value, EXPECTED, notATime.getMessage());
        }
        return InitialPosition.atTimestamp(instant);
    }
}
