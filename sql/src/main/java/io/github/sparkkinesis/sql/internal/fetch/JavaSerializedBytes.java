package io.github.sparkkinesis.sql.internal.fetch;

import java.io.Serializable;
import java.nio.ByteBuffer;
import org.apache.spark.SparkEnv;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * Objects that a fetch job sends to its tasks and gets back, as bytes of Java serialization. Spark ships a job's
 * data and results with the serializer the application chose ({@code spark.serializer}), and Kryo cannot handle
 * Java records; byte arrays go through any serializer. Spark's closure serializer, always Java's, does the work,
 * with the class loader that sees the application's jars.
 */
final class JavaSerializedBytes {

    private static final ClassTag<Object> ANY = ClassTag$.MODULE$.apply(Object.class);

    private JavaSerializedBytes() {
    }

    static byte[] of(Serializable value) {
        ByteBuffer buffer = javaSerializer().serialize(value, ANY);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    @SuppressWarnings("unchecked")
    static <T> T read(byte[] bytes) {
        return (T) javaSerializer().deserialize(ByteBuffer.wrap(bytes), ANY);
    }

    private static SerializerInstance javaSerializer() {
        return SparkEnv.get().closureSerializer().newInstance();
    }
}
