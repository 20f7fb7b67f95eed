package io.github.sparkkinesis.localstack;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one top-level whole-number field (such as {@code Limit} of a GetRecords call) from the body of an AWS
 * JSON-protocol request, in JSON or in the CBOR the AWS SDK sends to Kinesis by default. Just enough of CBOR for
 * request bodies: a map with text keys.
 */
final class RequestFields {

    private static final int BREAK = 0xFF;
    private static final int INDEFINITE = 31;

    private RequestFields() {
    }

    /** The field's value, or null if the body has no such whole-number field. */
    static Long number(byte[] body, boolean cbor, String field) {
        try {
            return cbor ? cborNumber(ByteBuffer.wrap(body), field) : jsonNumber(body, field);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Long jsonNumber(byte[] body, String field) {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(-?\\d+)")
                .matcher(new String(body, StandardCharsets.UTF_8));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : null;
    }

    private static Long cborNumber(ByteBuffer in, String field) {
        int initial = in.get() & 0xFF;
        if (initial >> 5 != 5) {
            return null;
        }
        long entries = argument(in, initial & 0x1F);
        for (long i = 0; entries < 0 || i < entries; i++) {
            if (entries < 0 && (in.get(in.position()) & 0xFF) == BREAK) {
                return null;
            }
            int keyInitial = in.get() & 0xFF;
            String key = keyInitial >> 5 == 3 ? text(in, keyInitial) : null;
            if (key == null) {
                skipAfterInitial(in, keyInitial);
            }
            int valueInitial = in.get() & 0xFF;
            int major = valueInitial >> 5;
            if (field.equals(key) && (major == 0 || major == 1)) {
                long value = argument(in, valueInitial & 0x1F);
                return major == 0 ? value : -1 - value;
            }
            skipAfterInitial(in, valueInitial);
        }
        return null;
    }

    private static String text(ByteBuffer in, int initial) {
        long length = argument(in, initial & 0x1F);
        if (length < 0) {
            StringBuilder chunks = new StringBuilder();
            for (int chunk = in.get() & 0xFF; chunk != BREAK; chunk = in.get() & 0xFF) {
                chunks.append(text(in, chunk));
            }
            return chunks.toString();
        }
        byte[] bytes = new byte[(int) length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Skips the rest of a data item whose first byte has been read. */
    private static void skipAfterInitial(ByteBuffer in, int initial) {
        int major = initial >> 5;
        int info = initial & 0x1F;
        switch (major) {
            case 0, 1 -> argument(in, info);
            case 2, 3 -> {
                long length = argument(in, info);
                if (length < 0) {
                    skipUntilBreak(in);
                } else {
                    in.position(in.position() + (int) length);
                }
            }
            case 4, 5 -> {
                long items = argument(in, info);
                if (items < 0) {
                    skipUntilBreak(in);
                } else {
                    for (long i = 0; i < items * (major == 5 ? 2 : 1); i++) {
                        skipAfterInitial(in, in.get() & 0xFF);
                    }
                }
            }
            case 6 -> {
                argument(in, info);
                skipAfterInitial(in, in.get() & 0xFF);
            }
            default -> {
                int size = info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : info == 27 ? 8 : 0;
                in.position(in.position() + size);
            }
        }
    }

    private static void skipUntilBreak(ByteBuffer in) {
        for (int initial = in.get() & 0xFF; initial != BREAK; initial = in.get() & 0xFF) {
            skipAfterInitial(in, initial);
        }
    }

    /** The item's length or value; -1 for an indefinite length. */
    private static long argument(ByteBuffer in, int info) {
        if (info < 24) {
            return info;
        }
        return switch (info) {
            case 24 -> in.get() & 0xFF;
            case 25 -> in.getShort() & 0xFFFF;
            case 26 -> in.getInt() & 0xFFFFFFFFL;
            case 27 -> in.getLong();
            case INDEFINITE -> -1;
            default -> throw new IllegalArgumentException("Malformed CBOR: additional information " + info);
        };
    }
}
