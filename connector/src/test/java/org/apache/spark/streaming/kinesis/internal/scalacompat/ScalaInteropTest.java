package org.apache.spark.streaming.kinesis.internal.scalacompat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

class ScalaInteropTest {

    @Test
    void classTagHasTheRuntimeClass() {
        assertThat(ScalaInterop.classTag(String.class).runtimeClass()).isEqualTo(String.class);
        assertThat(ScalaInterop.classTag(byte[].class).runtimeClass()).isEqualTo(byte[].class);
    }

    @Test
    void scalaSetBecomesAJavaSetWithTheSameElements() {
        scala.collection.immutable.Set<String> set =
                CollectionConverters.asScala(new LinkedHashSet<>(List.of("a", "b", "c", "d", "e"))).toSet();

        assertThat(ScalaInterop.toJavaSet(set)).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }

    @Test
    void emptyScalaSetBecomesAnEmptyJavaSet() {
        scala.collection.immutable.Set<String> set = CollectionConverters.asScala(new LinkedHashSet<String>()).toSet();

        assertThat(ScalaInterop.toJavaSet(set)).isEmpty();
    }
}
