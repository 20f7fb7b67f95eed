package org.apache.spark.streaming.kinesis.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/** Distinct, recognisable test payloads and an order-independent checksum to compare what was sent and seen. */
public final class TestPayloads {

    private TestPayloads() {
    }

    /** {@code count} distinct UTF-8 payloads {@code "<prefix>-<index>"}. */
    public static List<byte[]> numbered(String prefix, int count) {
        List<byte[]> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            payloads.add((prefix + "-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return payloads;
    }

    /** A checksum of a multiset of payloads: SHA-256 over the sorted hex encodings. */
    public static String checksum(Collection<byte[]> payloads) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            payloads.stream().map(HexFormat.of()::formatHex).sorted()
                    .forEach(hex -> digest.update((hex + "\n").getBytes(StandardCharsets.US_ASCII)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** A copy of a KCL record's data (its buffer is left as it was). */
    public static byte[] bytes(KinesisClientRecord record) {
        byte[] bytes = new byte[record.data().remaining()];
        record.data().duplicate().get(bytes);
        return bytes;
    }

    /** A KCL record's data as text. */
    public static String text(KinesisClientRecord record) {
        return text(bytes(record));
    }

    /** The payloads as text, in order. */
    public static List<String> texts(Collection<byte[]> payloads) {
        return payloads.stream().map(TestPayloads::text).toList();
    }
}
