package io.github.sparkkinesis.sql;

import java.nio.file.Path;
import org.apache.spark.streaming.kinesis.testing.SparkPackages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code spark-submit --packages} brings with the Structured Streaming source: exactly the jars Maven resolves
 * for it at runtime (the connector and what it brings), and nothing Spark ships itself.
 */
class PackagesResolutionIT {

    @Test
    void packagesBringsWhatMavenResolvesAndNothingSparkShips(@TempDir Path work) {
        SparkPackages.fromBuild().assertBringsWhatMavenResolves(work);
    }
}
