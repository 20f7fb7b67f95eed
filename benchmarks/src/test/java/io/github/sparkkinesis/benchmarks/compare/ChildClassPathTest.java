package io.github.sparkkinesis.benchmarks.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChildClassPathTest {

    private static final Path ROOT = Paths.get("/work/project");
    private static final Path REPOSITORY = Paths.get("/home/me/.m2/repository");
    private static final Path HARNESS = ROOT.resolve("benchmarks/target/classes");
    private static final Path SPARK = REPOSITORY.resolve("org/apache/spark/spark-core_2.13/4.2.0/spark-core.jar");
    private static final Path SCALA = REPOSITORY.resolve("org/scala-lang/scala-library/2.13.18/scala-library.jar");
    private static final Path GUAVA = REPOSITORY.resolve("com/google/guava/guava/32.1.1-jre/guava.jar");
    private static final Path CONNECTOR = ROOT.resolve("connector/target/classes");
    private static final Path LOCAL_STACK = REPOSITORY.resolve(
            "io/github/sparkkinesis/spark-streaming-kinesis-local-stack/0.1.0-SNAPSHOT/local-stack.jar");
    private static final Path SDK = REPOSITORY.resolve("software/amazon/awssdk/kinesis/2.41.0/kinesis.jar");
    private static final Path KCL = REPOSITORY.resolve("software/amazon/kinesis/amazon-kinesis-client/3.1.0/kcl.jar");
    private static final Path RX = REPOSITORY.resolve("io/reactivex/rxjava3/rxjava/3.1.11/rxjava.jar");

    private final ChildClassPath paths = ChildClassPath.split(
            List.of(SPARK, CONNECTOR, SCALA, SDK, HARNESS, GUAVA, KCL, RX, LOCAL_STACK), HARNESS, ROOT, REPOSITORY);

    @Test
    void sharesTheHarnessFirstThenSparkAndItsLibraries() {
        assertThat(paths.shared()).containsExactly(HARNESS, SPARK, SCALA, GUAVA);
    }

    @Test
    void ourPartIsTheProjectsModulesAndTheAwsLibraries() {
        assertThat(paths.ours()).containsExactly(CONNECTOR, SDK, KCL, RX, LOCAL_STACK);
        assertThat(ChildClassPath.entries(paths.ourSide()))
                .containsExactly(HARNESS, SPARK, SCALA, GUAVA, CONNECTOR, SDK, KCL, RX, LOCAL_STACK);
    }

    @Test
    void theOtherSideHasTheOtherConnectorInsteadOfOursAndSparksScala() {
        Path jar = Paths.get("/peers/spark-streaming-kinesis-asl_2.13-4.2.0.jar");
        Path theirKcl = REPOSITORY.resolve("software/amazon/kinesis/amazon-kinesis-client/2.7.2/kcl.jar");
        Path theirScala = REPOSITORY.resolve("org/scala-lang/scala-library/2.12.10/scala-library.jar");

        String classPath = paths.otherSide(jar, List.of(theirKcl, theirScala));

        assertThat(ChildClassPath.entries(classPath)).containsExactly(HARNESS, SPARK, SCALA, GUAVA, jar, theirKcl);
        assertThat(classPath).doesNotContain(CONNECTOR.toString()).doesNotContain(KCL.toString());
    }

    @Test
    void readsClassPathsAsJavaAndMavenWriteThem() {
        assertThat(ChildClassPath.entries(" /a.jar" + File.pathSeparator + File.pathSeparator + "/b.jar\n"))
                .containsExactly(Paths.get("/a.jar"), Paths.get("/b.jar"));
    }
}
