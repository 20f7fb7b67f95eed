package io.github.sparkkinesis.benchmarks.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.util.function.IntConsumer;

/**
 * Where an operation writes its response document: the streaming generator of the request's wire format, plus
 * the members whose encoding differs between CBOR and JSON.
 */
final class ResponseWriter {

    private final JsonGenerator generator;
    private final WireFormat format;
    private final IntConsumer sizeHint;
    private final char[] scratch = new char[WireFormat.TIMESTAMP_SCRATCH_LENGTH];

    ResponseWriter(JsonGenerator generator, WireFormat format, IntConsumer sizeHint) {
        this.generator = generator;
        this.format = format;
        this.sizeHint = sizeHint;
    }

    JsonGenerator generator() {
        return generator;
    }

    /**
     * Lets a large response reserve its buffer once instead of growing it step by step.
     *
     * @param blobBytes the total size of the blobs it will hold
     * @param otherBytes an estimate of everything else
     */
    void expectBytes(long blobBytes, long otherBytes) {
        sizeHint.accept((int) Math.min(Integer.MAX_VALUE - 1024, format.encodedBlobBytes(blobBytes) + otherBytes));
    }

    void timestampField(String name, long epochMillis) throws IOException {
        generator.writeFieldName(name);
        format.writeTimestamp(generator, epochMillis, scratch);
    }

    void timestampField(SerializableString name, long epochMillis) throws IOException {
        generator.writeFieldName(name);
        format.writeTimestamp(generator, epochMillis, scratch);
    }

    /** A response without members. */
    void emptyDocument() throws IOException {
        generator.writeStartObject();
        generator.writeEndObject();
    }
}
