package io.github.sparkkinesis.localstack;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough CBOR to rewrite the bodies the AWS SDK exchanges with Kinesis: maps with text keys, arrays, byte and
 * text strings, whole numbers, booleans, null and floating-point numbers, read into plain Java values
 * ({@code Map<String, Object>}, {@code List<Object>}, {@code byte[]}, {@code String}, {@code Long},
 * {@code Boolean}, {@code null}, {@code Double}) and written back. Tags are read through (their value kept, the
 * tag dropped), which PutRecords bodies do not use.
 */
final class Cbor {

    private static final int BREAK = 0xFF;

    private Cbor() {
    }

    static Object decode(byte[] body) {
        return read(ByteBuffer.wrap(body));
    }

    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static Object read(ByteBuffer in) {
        int initial = in.get() & 0xFF;
        int major = initial >> 5;
        int info = initial & 0x1F;
        switch (major) {
            case 0:
                return argument(in, info);
            case 1:
                return -1 - argument(in, info);
            case 2:
            case 3: {
                long length = argument(in, info);
                byte[] bytes;
                if (length < 0) {
                    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
                    while ((in.get(in.position()) & 0xFF) != BREAK) {
                        Object chunk = read(in);
                        chunks.writeBytes(chunk instanceof String text ? text.getBytes(StandardCharsets.UTF_8)
                                : (byte[]) chunk);
                    }
                    in.get();
                    bytes = chunks.toByteArray();
                } else {
                    bytes = new byte[(int) length];
                    in.get(bytes);
                }
                return major == 2 ? bytes : new String(bytes, StandardCharsets.UTF_8);
            }
            case 4: {
                long items = argument(in, info);
                List<Object> list = new ArrayList<>();
                for (long i = 0; items < 0 ? (in.get(in.position()) & 0xFF) != BREAK : i < items; i++) {
                    list.add(read(in));
                }
                if (items < 0) {
                    in.get();
                }
                return list;
            }
            case 5: {
                long entries = argument(in, info);
                Map<String, Object> map = new LinkedHashMap<>();
                for (long i = 0; entries < 0 ? (in.get(in.position()) & 0xFF) != BREAK : i < entries; i++) {
                    map.put(String.valueOf(read(in)), read(in));
                }
                if (entries < 0) {
                    in.get();
                }
                return map;
            }
            case 6:
                argument(in, info);
                return read(in);
            default:
                return simple(in, info);
        }
    }

    private static Object simple(ByteBuffer in, int info) {
        switch (info) {
            case 20:
                return false;
            case 21:
                return true;
            case 22:
            case 23:
                return null;
            case 26:
                return (double) in.getFloat();
            case 27:
                return in.getDouble();
            default:
                throw new IllegalArgumentException("Unsupported CBOR simple value " + info);
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
            case 31 -> -1;
            default -> throw new IllegalArgumentException("Malformed CBOR: additional information " + info);
        };
    }

    @SuppressWarnings("unchecked")
    private static void write(ByteArrayOutputStream out, Object value) {
        if (value == null) {
            out.write(0xF6);
        } else if (value instanceof Boolean bool) {
            out.write(bool ? 0xF5 : 0xF4);
        } else if (value instanceof Long || value instanceof Integer) {
            long number = ((Number) value).longValue();
            head(out, number >= 0 ? 0 : 1, number >= 0 ? number : -1 - number);
        } else if (value instanceof Double number) {
            out.write(0xFB);
            out.writeBytes(ByteBuffer.allocate(8).putDouble(number).array());
        } else if (value instanceof byte[] bytes) {
            head(out, 2, bytes.length);
            out.writeBytes(bytes);
        } else if (value instanceof String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            head(out, 3, utf8.length);
            out.writeBytes(utf8);
        } else if (value instanceof List<?> list) {
            head(out, 4, list.size());
            list.forEach(item -> write(out, item));
        } else if (value instanceof Map<?, ?> map) {
            head(out, 5, map.size());
            ((Map<String, Object>) map).forEach((key, item) -> {
                write(out, key);
                write(out, item);
            });
        } else {
            throw new IllegalArgumentException("Cannot write " + value.getClass() + " as CBOR");
        }
    }

    private static void head(ByteArrayOutputStream out, int major, long argument) {
        int type = major << 5;
        if (argument < 24) {
            out.write(type | (int) argument);
        } else if (argument < 0x100) {
            out.write(type | 24);
            out.write((int) argument);
        } else if (argument < 0x10000) {
            out.write(type | 25);
            out.writeBytes(ByteBuffer.allocate(2).putShort((short) argument).array());
        } else if (argument < 0x100000000L) {
            out.write(type | 26);
            out.writeBytes(ByteBuffer.allocate(4).putInt((int) argument).array());
        } else {
            out.write(type | 27);
            out.writeBytes(ByteBuffer.allocate(8).putLong(argument).array());
        }
    }
}
