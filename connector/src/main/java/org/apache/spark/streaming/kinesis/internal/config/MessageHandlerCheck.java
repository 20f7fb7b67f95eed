package org.apache.spark.streaming.kinesis.internal.config;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import org.apache.spark.SparkContext;

/**
 * Readies a message handler for the executors when the DStream is built, so that a handler that cannot be shipped
 * fails on the driver, with a message naming it, instead of when the receiver starts on an executor.
 */
public final class MessageHandlerCheck {

    private MessageHandlerCheck() {
    }

    /**
     * The handler after Spark's closure cleaning, proven serializable.
     *
     * @param handler a Scala function or a Spark Java {@code Function}; not null
     * @throws IllegalArgumentException naming {@code messageHandler}, with the serialization error as its cause
     */
    public static <H> H cleanedAndSerializable(SparkContext sc, H handler) {
        // Spark's closure cleaner, as Spark's connector and RDD operations use it: it drops what a Scala closure
        // refers to but does not use, which could otherwise keep it from being serialized. The cleaner only checks
        // the closures it recognises, so serializability is checked below for every kind of handler.
        H cleaned = sc.clean(handler, false);
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(cleaned);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("messageHandler cannot be sent to the executors: it is not "
                    + "serializable (" + e + "). Make everything the handler refers to serializable, or create "
                    + "such objects inside the handler.", e);
        }
        return cleaned;
    }
}
