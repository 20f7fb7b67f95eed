package io.github.sparkkinesis.benchmarks.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The two encodings of the AWS JSON 1.1 protocol Kinesis accepts. They carry the same documents and differ only in
 * how blobs and timestamps look, which is what this type hides:
 * <ul>
 * <li>CBOR ({@code application/x-amz-cbor-1.1}, the SDK's default for Kinesis): blobs are CBOR byte strings;
 * timestamps are tag 1 followed by an integer of epoch <em>milliseconds</em> (not seconds, as tag 1 would mean
 * elsewhere): the SDK writes them so and reads them with {@code getLongValue()} as milliseconds, ignoring the tag.</li>
 * <li>JSON ({@code application/x-amz-json-1.1}): blobs are base64 strings; timestamps are numbers of epoch seconds
 * with a fraction, e.g. {@code 1700000000.123}.</li>
 * </ul>
 */
enum WireFormat {

    CBOR("application/x-amz-cbor-1.1", new CBORMapper()) {
        @Override
        void writeTimestamp(JsonGenerator generator, long epochMillis, char[] scratch) throws IOException {
            ((CBORGenerator) generator).writeTag(1);
            generator.writeNumber(epochMillis);
        }

        @Override
        long encodedBlobBytes(long rawBytes) {
            return rawBytes;
        }

        @Override
        long readTimestamp(JsonNode node) {
            // Integers are what the SDK sends (milliseconds); a float could only mean seconds.
            return node.isIntegralNumber() ? node.longValue() : secondsToMillis(node.decimalValue());
        }
    },

    JSON("application/x-amz-json-1.1", new JsonMapper()) {
        @Override
        void writeTimestamp(JsonGenerator generator, long epochMillis, char[] scratch) throws IOException {
            generator.writeNumber(scratch, 0, formatSeconds(epochMillis, scratch));
        }

        @Override
        long encodedBlobBytes(long rawBytes) {
            return (rawBytes + 2) / 3 * 4;
        }

        @Override
        long readTimestamp(JsonNode node) {
            return secondsToMillis(node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText()));
        }
    };

    /** The length of the scratch buffer {@link #writeTimestamp} needs. */
    static final int TIMESTAMP_SCRATCH_LENGTH = 24;

    private final String contentType;
    private final ObjectMapper mapper;
    private final JsonFactory factory;

    WireFormat(String contentType, ObjectMapper mapper) {
        this.contentType = contentType;
        this.mapper = mapper;
        this.factory = mapper.getFactory();
    }

    /** CBOR for the SDK's CBOR content type, JSON for anything else (the JSON 1.0 and 1.1 types, or none). */
    static WireFormat forContentType(String contentType) {
        return contentType != null && contentType.startsWith("application/x-amz-cbor") ? CBOR : JSON;
    }

    String contentType() {
        return contentType;
    }

    JsonGenerator generator(OutputStream out) throws IOException {
        return factory.createGenerator(out);
    }

    JsonNode readTree(InputStream in) throws IOException {
        return mapper.readTree(in);
    }

    /** Writes a timestamp value; {@code scratch} is a caller-owned buffer of {@link #TIMESTAMP_SCRATCH_LENGTH}. */
    abstract void writeTimestamp(JsonGenerator generator, long epochMillis, char[] scratch) throws IOException;

    abstract long readTimestamp(JsonNode node);

    /** About how many bytes blobs of this total size take in a document: as they are, or base64. */
    abstract long encodedBlobBytes(long rawBytes);

    private static long secondsToMillis(BigDecimal seconds) {
        return seconds.movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /** Formats epoch milliseconds as seconds with three decimals into the buffer; returns the length. */
    static int formatSeconds(long epochMillis, char[] buffer) {
        long seconds = Math.floorDiv(epochMillis, 1000L);
        int millis = (int) Math.floorMod(epochMillis, 1000L);
        int position = 0;
        if (seconds < 0) {
            buffer[position++] = '-';
            // floorDiv keeps millis non-negative, so -0.5 s is "-1" seconds plus 500 ms: write it as -0.500.
            long magnitude = -(seconds + (millis == 0 ? 0 : 1));
            millis = millis == 0 ? 0 : 1000 - millis;
            seconds = magnitude;
        }
        position = writeDigits(seconds, buffer, position);
        buffer[position++] = '.';
        buffer[position++] = (char) ('0' + millis / 100);
        buffer[position++] = (char) ('0' + millis / 10 % 10);
        buffer[position++] = (char) ('0' + millis % 10);
        return position;
    }

    private static int writeDigits(long value, char[] buffer, int start) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        long rest = value;
        for (int i = start + digits - 1; i >= start; i--) {
            buffer[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        return start + digits;
    }
}
