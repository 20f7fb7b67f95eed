package org.apache.spark.streaming.kinesis.internal.scalacompat;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.spark.streaming.kinesis.internal.receiver.RecordConverter;
import scala.Function1;
import scala.Option;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Everything in the connector that touches Scala library types (ClassTag, Function1, Scala collections). It is
 * the one place to adapt when building for another Scala binary version.
 */
public final class ScalaInterop {

    private ScalaInterop() {
    }

    /** The ClassTag Spark needs for a DStream of {@code type}. */
    public static <T> ClassTag<T> classTag(Class<T> type) {
        return ClassTag$.MODULE$.apply(type);
    }

    /** A Scala set as a Java set (same iteration order). */
    public static Set<String> toJavaSet(scala.collection.immutable.Set<String> set) {
        Set<String> result = new LinkedHashSet<>();
        scala.collection.Iterator<String> values = set.iterator();
        while (values.hasNext()) {
            result.add(values.next());
        }
        return result;
    }

    /** A Java set as an immutable Scala set (what Spark's connector API returns). */
    @SuppressWarnings("deprecation") // JavaConverters is deprecated on Scala 2.13, and 2.12 has nothing newer
    public static scala.collection.immutable.Set<String> toScalaSet(Set<String> set) {
        return scala.collection.JavaConverters.asScalaSet(set).toSet();
    }

    /** {@code Some(value)}, or {@code None} for null. */
    public static <T> Option<T> option(T value) {
        return Option.apply(value);
    }

    /** A Java iterator as a Scala one (what Spark's RDD.compute returns). */
    public static <T> scala.collection.Iterator<T> asScalaIterator(java.util.Iterator<T> values) {
        return new scala.collection.AbstractIterator<T>() {
            @Override
            public boolean hasNext() {
                return values.hasNext();
            }

            @Override
            public T next() {
                return values.next();
            }
        };
    }

    /** A Scala sequence as a Java list. */
    public static <T> java.util.List<T> toJavaList(scala.collection.Seq<T> values) {
        java.util.List<T> result = new java.util.ArrayList<>(values.size());
        scala.collection.Iterator<T> iterator = values.iterator();
        while (iterator.hasNext()) {
            result.add(iterator.next());
        }
        return result;
    }

    /** A Java map as an immutable Scala map (what Spark's StreamInputInfo holds). */
    public static scala.collection.immutable.Map<String, Object> toScalaMap(java.util.Map<String, Object> map) {
        scala.collection.immutable.Map<String, Object> result = scala.collection.immutable.Map$.MODULE$.empty();
        for (java.util.Map.Entry<String, Object> entry : map.entrySet()) {
            result = result.updated(entry.getKey(), entry.getValue());
        }
        return result;
    }

    /** A message handler written as a Scala function. */
    public static <T> RecordConverter<T> converter(Function1<KinesisClientRecord, T> handler) {
        return new ScalaFunctionRecordConverter<>(handler);
    }

    /**
     * The message handler behind {@code converter} as a Scala function (what Spark's connector API returns): the
     * Scala function itself if the handler was one, else a function calling the converter.
     */
    public static <T> Function1<KinesisClientRecord, T> handlerFunction(RecordConverter<T> converter) {
        return converter instanceof ScalaFunctionRecordConverter<T> scalaHandler
                ? scalaHandler.handler : new ConverterFunction<>(converter);
    }

    private static final class ConverterFunction<T> extends AbstractFunction1<KinesisClientRecord, T>
            implements Serializable {
        private static final long serialVersionUID = 1L;

        private final RecordConverter<T> converter;

        ConverterFunction(RecordConverter<T> converter) {
            this.converter = converter;
        }

        @Override
        public T apply(KinesisClientRecord record) {
            try {
                return converter.convert(record);
            } catch (Exception e) {
                // A Java handler may throw checked exceptions; Scala functions may too, so the caller gets the
                // handler's own exception, as the receiver does.
                throw ScalaInterop.<RuntimeException>rethrow(e);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E rethrow(Exception e) throws E {
        throw (E) e;
    }

    private static final class ScalaFunctionRecordConverter<T> implements RecordConverter<T> {
        private static final long serialVersionUID = 1L;

        private final Function1<KinesisClientRecord, T> handler;

        ScalaFunctionRecordConverter(Function1<KinesisClientRecord, T> handler) {
            this.handler = handler;
        }

        @Override
        public T convert(KinesisClientRecord record) {
            return handler.apply(record);
        }
    }
}
