package io.github.sparkkinesis.assembly;

import java.nio.file.Path;
import org.apache.spark.streaming.kinesis.testing.IvySettings;

/**
 * The repository the build installed the assembly into as it would be published (its jar, its dependency-reduced
 * POM, the parent POM), under target/, and the Ivy settings that make {@code spark-submit --packages} resolve from
 * it ({@code spark.jars.ivySettings}). The local Maven repository comes second, read only, for the POMs the parent
 * imports (bills of materials); nothing of it may end up on the class path.
 */
final class PackagesRepository {

    private final Path repository;
    private final Path localMavenRepository;

    private PackagesRepository(Path repository, Path localMavenRepository) {
        this.repository = repository;
        this.localMavenRepository = localMavenRepository;
    }

    /** The repository of this module's build (system properties {@code packages.*}). */
    static PackagesRepository fromBuild() {
        return new PackagesRepository(Path.of(SparkSubmitOnSpark35IT.requiredProperty("packages.repository")),
                Path.of(SparkSubmitOnSpark35IT.requiredProperty("packages.localRepository")));
    }

    /** Writes Ivy settings resolving from this repository first to {@code file}, and returns it. */
    Path writeIvySettings(Path file) {
        return IvySettings.write(file, repository, localMavenRepository);
    }
}
