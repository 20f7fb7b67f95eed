package io.github.sparkkinesis.benchmarks.compare;

import io.github.sparkkinesis.benchmarks.measure.ForkedConnectorRun;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The class paths of the two sides of a comparison, made from the harness's own class path (Spark, our connector,
 * its dependencies and the harness): the shared part (the harness's measurement classes, Spark and the libraries
 * around it) comes first on both, as spark-submit puts Spark before an application's jars; then EITHER our
 * connector's part OR the other connector's jar and dependencies, never both.
 *
 * <p>Our connector's part is every entry built in this project (the reactor's modules, or their jars in the Maven
 * repository under {@code io/github/sparkkinesis}) but the harness itself, and the AWS libraries Spark does not ship:
 * the AWS SDK and the KCL ({@code software/amazon}), {@code com/amazonaws} and the KCL's RxJava
 * ({@code io/reactivex}). Generic libraries both connectors use (Guava, Jackson, Protobuf...) come from the shared
 * part on both sides. The other connector's Scala library is left out: Spark brings its own (a Scala 2.12 library
 * behind Spark's 2.13 one could only do harm).
 *
 * @param shared the harness's measurement classes, then Spark and the libraries around it
 * @param ours our connector, its modules and its AWS dependencies
 */
public record ChildClassPath(List<Path> shared, List<Path> ours) {

    private static final List<String> AWS_LIBRARIES =
            List.of("software/amazon/", "com/amazonaws/", "io/reactivex/", "io/github/sparkkinesis/");
    private static final String SCALA = "org/scala-lang/";

    public ChildClassPath {
        shared = List.copyOf(shared);
        ours = List.copyOf(ours);
    }

    /**
     * Splits the harness's class path.
     *
     * @param harness the entry with the harness's own classes (it goes first, and is shared)
     * @param projectRoot the project's directory: entries under it, but the harness, are our connector's
     * @param mavenRepository the local Maven repository ({@code ~/.m2/repository})
     */
    public static ChildClassPath split(List<Path> harnessClassPath, Path harness, Path projectRoot,
            Path mavenRepository) {
        Path harnessEntry = normal(harness);
        Path root = normal(projectRoot);
        Path repository = normal(mavenRepository);
        List<Path> shared = new ArrayList<>(List.of(harnessEntry));
        List<Path> ours = new ArrayList<>();
        for (Path entry : harnessClassPath) {
            Path path = normal(entry);
            if (path.equals(harnessEntry)) {
                continue;
            }
            if (path.startsWith(root) || isAwsLibrary(path, repository)) {
                ours.add(path);
            } else {
                shared.add(path);
            }
        }
        return new ChildClassPath(shared, ours);
    }

    /**
     * {@link #split} of this JVM's class path: the harness is the entry holding {@link ForkedConnectorRun}, the
     * project the working directory (the harness runs from the project's or the module's directory).
     */
    public static ChildClassPath ofThisHarness() throws URISyntaxException {
        return split(entries(System.getProperty("java.class.path")),
                Paths.get(ForkedConnectorRun.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                Paths.get("").toAbsolutePath(), mavenRepository());
    }

    /** The class path of our side: the shared part, then our connector's. */
    public String ourSide() {
        List<Path> entries = new ArrayList<>(shared);
        entries.addAll(ours);
        return join(entries);
    }

    /** The class path of the other side: the shared part, then the other connector's jar and dependencies. */
    public String otherSide(Path jar, List<Path> dependencies) {
        List<Path> entries = new ArrayList<>(shared);
        entries.add(normal(jar));
        for (Path dependency : dependencies) {
            if (!slashed(normal(dependency)).contains(SCALA)) {
                entries.add(normal(dependency));
            }
        }
        return join(entries);
    }

    private static boolean isAwsLibrary(Path path, Path repository) {
        if (!path.startsWith(repository)) {
            return false;
        }
        String relative = slashed(repository.relativize(path));
        return AWS_LIBRARIES.stream().anyMatch(relative::startsWith);
    }

    private static String slashed(Path path) {
        return path.toString().replace(File.separatorChar, '/');
    }

    private static Path normal(Path path) {
        return path.toAbsolutePath().normalize();
    }

    private static String join(List<Path> entries) {
        List<String> names = new ArrayList<>();
        entries.forEach(entry -> names.add(entry.toString()));
        return String.join(File.pathSeparator, names);
    }

    /** The local Maven repository: {@code maven.repo.local} if set, else {@code ~/.m2/repository}. */
    public static Path mavenRepository() {
        String local = System.getProperty("maven.repo.local");
        return local != null ? Paths.get(local) : Paths.get(System.getProperty("user.home"), ".m2", "repository");
    }

    /** The entries of a class path (separated by the platform's separator, as Java and Maven write it). */
    public static List<Path> entries(String classPath) {
        List<Path> entries = new ArrayList<>();
        for (String entry : classPath.trim().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Paths.get(entry.trim()));
            }
        }
        return entries;
    }
}
