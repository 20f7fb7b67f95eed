package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Console$;
import scala.runtime.AbstractFunction0;
import scala.tools.nsc.Main$;

/**
 * Scala code written for Spark's own Kinesis connector compiles against this one (with the documented explicit
 * ClassTag for message handlers): the drop-in promise, checked with the Scala compiler Spark is built with.
 */
class ScalaSourceCompatibilityTest {

    @Test
    void codeWrittenForSparksConnectorCompiles(@TempDir Path workDir) throws IOException {
        Path source = workDir.resolve("SparkConnectorStyleUsage.scala");
        try (InputStream in = getClass().getResourceAsStream("/scala-api/SparkConnectorStyleUsage.scala")) {
            Files.copy(in, source);
        }
        Path classes = Files.createDirectories(workDir.resolve("classes"));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String[] args = {"-usejavacp", "-classpath", classpath, "-d", classes.toString(), "-deprecation",
            source.toString()};

        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        boolean compiled = Console$.MODULE$.withErr(new PrintStream(messages, true, StandardCharsets.UTF_8),
                new AbstractFunction0<Boolean>() {
                    @Override
                    public Boolean apply() {
                        return Main$.MODULE$.process(args);
                    }
                });

        assertThat(compiled).as("scalac output:%n%s", messages.toString(StandardCharsets.UTF_8)).isTrue();
        assertThat(classes.resolve("example/SparkConnectorStyleUsage$.class")).exists();
    }
}
