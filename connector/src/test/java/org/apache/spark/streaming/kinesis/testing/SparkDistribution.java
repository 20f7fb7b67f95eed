package org.apache.spark.streaming.kinesis.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A Spark installation laid out from jars Maven resolved: a {@code jars/} folder of links to them and the
 * {@code RELEASE} file by which Spark's launcher recognizes a distribution. No Spark download is needed.
 */
public final class SparkDistribution {

    private final Path home;

    private SparkDistribution(Path home) {
        this.home = home;
    }

    /** Lays out a distribution in {@code home} from a class path file (jars separated by the path separator). */
    public static SparkDistribution layOut(Path home, Path classpathFile) {
        try {
            Path jars = Files.createDirectories(home.resolve("jars"));
            String listing = Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
            for (String jar : listing.split(File.pathSeparator)) {
                Path source = Paths.get(jar);
                Path link = jars.resolve(source.getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, source);
                }
            }
            Files.writeString(home.resolve("RELEASE"), "Spark jars resolved by Maven for tests\n");
            return new SparkDistribution(home);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lay out a Spark distribution in " + home, e);
        }
    }

    public Path home() {
        return home;
    }

    /** The class path of Spark's own processes: every jar of the distribution. */
    public String classpath() {
        return home.resolve("jars").resolve("*").toString();
    }
}
