package io.github.sparkkinesis.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the shaded jar holds: the DStream connector, the Structured Streaming source and their libraries, with the
 * clash-prone ones under our package.
 */
class AssemblyContentsIT {

    private static final String SHADED = "io/github/sparkkinesis/shaded/";
    private static List<String> entries;
    private static JarFile jar;

    @BeforeAll
    static void open() throws IOException {
        jar = new JarFile(System.getProperty("assembly.jar"));
        entries = jar.stream().map(ZipEntry::getName).toList();
    }

    @Test
    void theConnectorTheKclTheSdkAndThePythonPackageAreThereUnderTheirOwnNames() {
        assertThat(entries).contains(
                "org/apache/spark/streaming/kinesis/KinesisInputDStream.class",
                "org/apache/spark/streaming/kinesis/KinesisUtilsPythonHelper.class",
                "software/amazon/kinesis/coordinator/Scheduler.class",
                "software/amazon/kinesis/retrieval/KinesisClientRecord.class",
                "software/amazon/awssdk/services/kinesis/KinesisAsyncClient.class",
                "software/amazon/awssdk/services/dynamodb/DynamoDbAsyncClient.class",
                "software/amazon/awssdk/services/sts/StsClient.class",
                "spark_streaming_kinesis/__init__.py",
                "spark_streaming_kinesis/kinesis.py");
    }

    @Test
    void theStructuredStreamingSourceIsThereAndRegisteredWithSpark() throws IOException {
        assertThat(entries).contains(
                "io/github/sparkkinesis/sql/KinesisSourceProvider.class",
                "io/github/sparkkinesis/sql/internal/stream/KinesisMicroBatchStream.class");
        // Spark finds format("kinesis") through this file; the shade plugin merges the files of every jar.
        assertThat(providers("org.apache.spark.sql.sources.DataSourceRegister"))
                .contains("io.github.sparkkinesis.sql.KinesisSourceProvider")
                .allSatisfy(provider -> assertThat(entries).contains(provider.replace('.', '/') + ".class"));
    }

    @Test
    void clashProneLibrariesAreRelocated() {
        for (String library : List.of("com/google/common/", "com/google/protobuf/", "io/netty/",
                "org/apache/commons/", "org/apache/http/", "io/reactivex/")) {
            assertThat(entries).as(library).noneMatch(entry -> entry.startsWith(library));
            assertThat(entries).as(library).anyMatch(entry -> entry.startsWith(SHADED + library));
        }
    }

    @Test
    void sparkScalaSlf4jAndJacksonAreLeftToSpark() {
        for (String library : List.of("org/apache/spark/SparkContext", "scala/", "org/slf4j/", "com/fasterxml/")) {
            assertThat(entries).as(library).noneMatch(entry -> entry.startsWith(library));
        }
    }

    @Test
    void theSdksHttpClientServiceFilesNameRelocatedAndPresentClasses() throws IOException {
        for (String service : List.of("software.amazon.awssdk.http.SdkHttpService",
                "software.amazon.awssdk.http.async.SdkAsyncHttpService")) {
            assertThat(providers(service)).as(service).isNotEmpty().allSatisfy(provider ->
                    assertThat(entries).contains(provider.replace('.', '/') + ".class"));
        }
    }

    /** The class names a {@code META-INF/services} file of the jar lists. */
    private static List<String> providers(String service) throws IOException {
        ZipEntry entry = jar.getEntry("META-INF/services/" + service);
        assertThat(entry).as(service).isNotNull();
        String text = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        return text.lines().map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
}
