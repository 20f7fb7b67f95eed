package org.apache.spark.streaming.kinesis.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark installation laid out from jars Maven resolved: a {@code jars/} folder of links to them and the
 * {@code RELEASE} file by which Spark's launcher recognizes a distribution. No Spark download is needed.
 */
public final class SparkDistribution {

    /** The Scala library jar of a distribution, whose version says which Scala its Spark is built for. */
    private static final Pattern SCALA_LIBRARY = Pattern.compile("scala-library-(\\d+\\.\\d+)\\.\\d+\\.jar");

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

    /**
     * The Scala binary version (2.12 or 2.13) of this distribution's Spark, as Spark's launcher scripts name it
     * ({@code SPARK_SCALA_VERSION}): that of its Scala library, whatever Scala the calling JVM runs.
     */
    public String scalaBinaryVersion() {
        try (Stream<Path> jars = Files.list(home.resolve("jars"))) {
            return jars.map(jar -> SCALA_LIBRARY.matcher(jar.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(library -> library.group(1))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No scala-library jar in " + home.resolve("jars")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class path of Spark's own processes: every jar of the distribution. */
    public String classpath() {
        return home.resolve("jars").resolve("*").toString();
    }
}
