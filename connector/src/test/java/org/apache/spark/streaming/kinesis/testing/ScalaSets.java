package org.apache.spark.streaming.kinesis.testing;

import java.util.Arrays;
import java.util.LinkedHashSet;

/** Scala immutable sets for tests, built with the one converter that Scala 2.12 and 2.13 both have. */
public final class ScalaSets {

    private ScalaSets() {
    }

    @SuppressWarnings("deprecation") // JavaConverters is deprecated on Scala 2.13, and 2.12 has nothing newer
    public static scala.collection.immutable.Set<String> of(String... values) {
        return scala.collection.JavaConverters.asScalaSet(new LinkedHashSet<>(Arrays.asList(values))).toSet();
    }
}
