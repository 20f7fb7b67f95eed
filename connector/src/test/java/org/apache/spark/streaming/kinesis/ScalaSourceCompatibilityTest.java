package org.apache.spark.streaming.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.kinesis.testing.ScalaSets;
import org.apache.spark.streaming.kinesis.testing.SparkTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.Console$;
import scala.Function1;
import scala.Option;
import scala.collection.immutable.Map;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction0;
import scala.tools.nsc.Main$;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * Scala code written for Spark's own Kinesis connector compiles against this one unchanged (the one-argument
 * {@code buildWithMessageHandler}, {@code new KinesisInputDStream.Builder()}, the DStream's accessors), checked
 * with the Scala compiler of the Spark line under test (2.12 or 2.13); then some of it runs.
 */
class ScalaSourceCompatibilityTest {

    private static final List<String> SOURCES =
            List.of("SparkConnectorStyleUsage.scala", "KinesisWordCountStyle.scala");

    @TempDir
    static Path workDir;

    private static Path classes;
    private static boolean compiled;
    private static String compilerMessages;
    private static JavaStreamingContext jssc;
    private static Object module;

    @BeforeAll
    static void compileTheScalaSources() throws IOException {
        List<String> args = new ArrayList<>();
        classes = Files.createDirectories(workDir.resolve("classes"));
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        args.addAll(List.of("-usejavacp", "-classpath", classpath, "-d", classes.toString(), "-deprecation"));
        for (String name : SOURCES) {
            Path source = workDir.resolve(name);
            try (InputStream in = ScalaSourceCompatibilityTest.class.getResourceAsStream("/scala-api/" + name)) {
                Files.copy(in, source);
            }
            args.add(source.toString());
        }

        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        compiled = Console$.MODULE$.withErr(new PrintStream(messages, true, StandardCharsets.UTF_8),
                new AbstractFunction0<Boolean>() {
                    @Override
                    public Boolean apply() {
                        return Main$.MODULE$.process(args.toArray(new String[0]));
                    }
                });
        compilerMessages = messages.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopStreamingContext() {
        SparkTestContext.stop(jssc);
    }

    @Test
    void codeWrittenForSparksConnectorCompiles() {
        assertThat(compiled).as("scalac output:%n%s", compilerMessages).isTrue();
        assertThat(classes.resolve("example/SparkConnectorStyleUsage$.class")).exists();
        assertThat(classes.resolve("example/KinesisWordCountStyle$.class")).exists();
    }

    @Test
    void aOneArgumentHandlerGetsTheClassTagOfItsResult() throws Exception {
        KinesisInputDStream<?> keys = (KinesisInputDStream<?>) call("partitionKeys");
        KinesisInputDStream<?> sizes = (KinesisInputDStream<?>) call("payloadSizes");

        assertThat(keys.asJava().classTag()).isEqualTo(ClassTag$.MODULE$.apply(String.class));
        assertThat(sizes.asJava().classTag()).isEqualTo(ClassTag$.MODULE$.Int());
        assertThat(keys.messageHandler().apply(record("key-7", "payload"))).isEqualTo("key-7");
        assertThat(sizes.messageHandler().apply(record("key-7", "payload"))).isEqualTo(7);
    }

    @Test
    void everyHandlerFormBuildsAStream() throws Exception {
        scala.collection.Seq<?> streams = (scala.collection.Seq<?>) call("handlerForms");
        scala.collection.Seq<?> builders = (scala.collection.Seq<?>) call("builderForms");

        assertThat(streams.size()).isEqualTo(11);
        assertThat(builders.size()).isEqualTo(3);
    }

    @Test
    void theAccessorsGiveTheSettingsInScalaTypes() throws Exception {
        Object stream = call("partitionKeys");
        Object module = module();
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = (Map<String, Object>) module.getClass()
                .getMethod("settings", KinesisInputDStream.class).invoke(module, stream);

        assertThat(settings.apply("streamName")).isEqualTo("orders");
        assertThat(settings.apply("checkpointAppName")).isEqualTo("orders-app");
        assertThat(settings.apply("regionName")).isEqualTo("us-east-1");
        assertThat(settings.apply("endpointUrl")).isEqualTo("https://kinesis.us-east-1.amazonaws.com");
        assertThat(settings.apply("initialPosition")).isEqualTo(new KinesisInitialPositions.Latest());
        assertThat(settings.apply("checkpointInterval")).isEqualTo(new Duration(2000));
        assertThat(settings.apply("storageLevel")).isEqualTo(StorageLevel.MEMORY_AND_DISK_2());
        assertThat(settings.apply("messageHandler")).isInstanceOf(Function1.class);
        assertThat(settings.apply("kinesisCreds")).isEqualTo(SparkAWSCredentials.builder().build());
        assertThat(settings.apply("dynamoDBCreds")).isEqualTo(Option.empty());
        assertThat(settings.apply("cloudWatchCreds")).isEqualTo(Option.empty());
        assertThat(settings.apply("metricsLevel")).isEqualTo(MetricsLevel.DETAILED);
        assertThat(settings.apply("metricsEnabledDimensions")).isEqualTo(ScalaSets.of("Operation", "ShardId"));
    }

    @Test
    void aScalaHandlerThatCannotBeSerializedFailsAtBuild() {
        assertThatThrownBy(() -> call("unserializableHandler"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("messageHandler cannot be sent to the executors: it is not serializable")
                .hasMessageContaining("example.SparkConnectorStyleUsage$Parser")
                .hasRootCauseInstanceOf(NotSerializableException.class);
    }

    /** Calls a method of the compiled SparkConnectorStyleUsage with a streaming context; unwraps its exception. */
    private static Object call(String method) throws Exception {
        Object module = module();
        try {
            return module.getClass().getMethod(method, StreamingContext.class).invoke(module, streamingContext());
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static synchronized Object module() throws Exception {
        assertThat(compiled).as("scalac output:%n%s", compilerMessages).isTrue();
        if (module == null) {
            ClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    ScalaSourceCompatibilityTest.class.getClassLoader());
            module = loader.loadClass("example.SparkConnectorStyleUsage$").getField("MODULE$").get(null);
        }
        return module;
    }

    private static synchronized StreamingContext streamingContext() {
        if (jssc == null) {
            jssc = SparkTestContext.newStreamingContext(new Duration(2000));
        }
        return jssc.ssc();
    }

    private static KinesisClientRecord record(String partitionKey, String data) {
        return KinesisClientRecord.builder()
                .partitionKey(partitionKey)
                .data(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}
