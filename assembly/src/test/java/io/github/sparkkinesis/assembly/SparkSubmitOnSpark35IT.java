package io.github.sparkkinesis.assembly;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sparkkinesis.localstack.LocalStack;
import io.github.sparkkinesis.localstack.LocalStackExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.spark.streaming.kinesis.testing.ChildJvm;
import org.apache.spark.streaming.kinesis.testing.StandaloneSparkCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The assembly as a user of a stock Spark 3.5 deploys it, for the Scala line of the module running this test
 * ({@code _2.13} in assembly/, {@code _2.12} in assembly-scala-2.12/): Spark's {@code SparkSubmit} in its own JVM,
 * on the jars of a Spark 3.5 distribution (with the Guava 14 every such distribution ships, before anything
 * {@code spark-submit} adds), runs an application that reads one stream with {@code format("kinesis")}
 * ({@code Trigger.AvailableNow}) and then with a DStream ({@link SubmittedBothApisRun}).
 * <ul>
 *   <li>In local mode the assembly comes from {@code --packages}, resolved by Spark's own resolver from a
 *       repository holding what the build would publish: its dependency-reduced POM must bring no other jar.</li>
 *   <li>On a standalone cluster (one worker, whose executor holds the receiver) it comes from {@code --jars}.</li>
 * </ul>
 * The thin jars are not tested here: on this class path they fail (see the README's "Spark versions").
 */
@ExtendWith(LocalStackExtension.class)
class SparkSubmitOnSpark35IT {

    @Test
    void inLocalModeTheAssemblyComesFromPackagesAloneAndServesBothApis(LocalStack stack) throws IOException {
        Path work = Files.createTempDirectory("spark35-packages");
        Path ivySettings = PackagesRepository.fromBuild().writeIvySettings(work.resolve("ivysettings.xml"));
        Path ivy = work.resolve("ivy");

        SubmittedBothApisRun.submit(stack, work, "local[2]",
                "--packages", requiredProperty("assembly.coordinate"),
                "--conf", "spark.jars.ivySettings=" + ivySettings,
                "--conf", "spark.jars.ivy=" + ivy);

        // What --packages put on the class path: the assembly, and nothing else (Spark names them group_artifact).
        try (Stream<Path> jars = Files.list(ivy.resolve("jars"))) {
            String coordinate = requiredProperty("assembly.coordinate");
            String[] parts = coordinate.split(":");
            assertThat(jars.map(jar -> jar.getFileName().toString()).toList())
                    .containsExactly(parts[0] + "_" + parts[1] + "-" + parts[2] + ".jar");
        }
    }

    @Test
    void onAStandaloneClusterTheAssemblyFromJarsServesBothApis(LocalStack stack) throws IOException {
        Path work = Files.createTempDirectory("spark35-cluster");
        String executorOptions = String.join(" ", ChildJvm.sparkJvmOptions());
        try (StandaloneSparkCluster cluster = StandaloneSparkCluster.start(work.resolve("cluster"),
                Path.of(requiredProperty(SubmittedBothApisRun.DISTRIBUTION_PROPERTY)), 1, 2)) {
            SubmittedBothApisRun.submit(stack, work, cluster.masterUrl(),
                    "--jars", requiredProperty("assembly.jar"),
                    "--conf", "spark.executor.memory=768m",
                    "--conf", "spark.executor.extraJavaOptions=" + executorOptions);
        }
    }

    static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " (set by the build)");
        }
        return value;
    }
}
