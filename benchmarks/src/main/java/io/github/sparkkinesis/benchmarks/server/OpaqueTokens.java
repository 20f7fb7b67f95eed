package io.github.sparkkinesis.benchmarks.server;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque strings the server hands out and gets back: shard iterators and ListShards/ListStreams page tokens.
 * Each carries a stream name, a shard index and an offset (a record index, or the next shard to list),
 * base64-encoded behind a kind byte so a page token is never accepted as an iterator. Nothing is kept server-side,
 * so iterators do not expire and any number of readers cost nothing.
 */
final class OpaqueTokens {

    /** A decoded token. */
    record Position(String streamName, int shardIndex, long offset) {
    }

    enum Kind {
        SHARD_ITERATOR((byte) 'I'),
        LIST_SHARDS((byte) 'L'),
        LIST_STREAMS((byte) 'S');

        private final byte tag;

        Kind(byte tag) {
            this.tag = tag;
        }
    }

    private static final int FIXED_BYTES = 1 + Integer.BYTES + Long.BYTES;

    private OpaqueTokens() {
    }

    static String encode(Kind kind, String streamName, int shardIndex, long offset) {
        byte[] name = streamName.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(FIXED_BYTES + name.length);
        buffer.put(kind.tag).putInt(shardIndex).putLong(offset).put(name);
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    /** The position in a token of the given kind, or {@code null} if it is not one this server made. */
    static Position decode(Kind kind, String token) {
        if (token == null) {
            return null;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(Base64.getDecoder().decode(token));
            if (buffer.remaining() <= FIXED_BYTES || buffer.get() != kind.tag) {
                return null;
            }
            int shardIndex = buffer.getInt();
            long offset = buffer.getLong();
            String name = new String(buffer.array(), buffer.position(), buffer.remaining(), StandardCharsets.UTF_8);
            return shardIndex < 0 || offset < 0 ? null : new Position(name, shardIndex, offset);
        } catch (IllegalArgumentException | BufferUnderflowException e) {
            return null;
        }
    }
}
