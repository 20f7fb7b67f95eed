package org.apache.spark.streaming.kinesis.internal.scalacompat;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.streaming.kinesis.testing.ScalaSets;
import org.junit.jupiter.api.Test;

class ScalaInteropTest {

    @Test
    void classTagHasTheRuntimeClass() {
        assertThat(ScalaInterop.classTag(String.class).runtimeClass()).isEqualTo(String.class);
        assertThat(ScalaInterop.classTag(byte[].class).runtimeClass()).isEqualTo(byte[].class);
    }

    @Test
    void scalaSetBecomesAJavaSetWithTheSameElements() {
        scala.collection.immutable.Set<String> set = ScalaSets.of("a", "b", "c", "d", "e");

        assertThat(ScalaInterop.toJavaSet(set)).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }

    @Test
    void emptyScalaSetBecomesAnEmptyJavaSet() {
        scala.collection.immutable.Set<String> set = ScalaSets.of();

        assertThat(ScalaInterop.toJavaSet(set)).isEmpty();
    }
}
