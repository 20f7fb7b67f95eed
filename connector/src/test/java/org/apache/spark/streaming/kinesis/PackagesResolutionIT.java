package org.apache.spark.streaming.kinesis;

import java.nio.file.Path;
import org.apache.spark.streaming.kinesis.testing.SparkPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code spark-submit --packages} brings with this artifact ({@code _2.13} here, {@code _2.12} when
 * connector-scala-2.12 runs it): exactly the jars Maven resolves for it at runtime, so no Netty, Jackson, Spark or
 * Scala jar lands next to Spark's own, as the README says. Spark's resolver (Ivy) reads exclusions only where a
 * dependency is declared, not in the parent's dependency management that Maven also applies.
 */
class PackagesResolutionIT {

    @Test
    void packagesBringsWhatMavenResolvesAndNothingSparkShips(@TempDir Path work) {
        SparkPackages.fromBuild().assertBringsWhatMavenResolves(work);
    }
}
