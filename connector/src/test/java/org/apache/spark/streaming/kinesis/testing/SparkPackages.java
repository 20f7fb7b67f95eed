package org.apache.spark.streaming.kinesis.testing;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import scala.Option;

/**
 * Resolves a Maven coordinate the way {@code spark-submit --packages} does: with Spark's own resolver (Ivy reading
 * the POMs), as with {@code --conf spark.jars.ivySettings=...}, from a file repository the build installed the
 * artifact into, then the local Maven repository for everything else (read only), into a fresh Ivy cache. Spark 4
 * has the resolver in {@code org.apache.spark.util.MavenUtils}, Spark 3.5 in
 * {@code org.apache.spark.deploy.SparkSubmitUtils}; this finds the one on the class path.
 *
 * <p>The build side is set up by each published module's POM: it installs the artifact (and the parent POM) into
 * {@code target/packages/repository} and lists what Maven resolves for it at runtime in
 * {@code target/packages/maven-runtime-dependencies.txt}; the failsafe plugin passes the paths as system
 * properties ({@link #fromBuild()}).
 */
public final class SparkPackages {

    /** Jars of what Spark ships itself: a second copy next to Spark's would clash with it. */
    private static final List<String> SPARKS_OWN = List.of("io.netty_", "com.fasterxml.jackson", "org.apache.spark_",
            "org.scala-lang_");
    private static final String SPARK_4 = "org.apache.spark.util.MavenUtils";
    private static final String SPARK_3 = "org.apache.spark.deploy.SparkSubmitUtils";

    private final String coordinate;
    private final Path repository;
    private final Path localMavenRepository;
    private final Path mavenRuntimeDependencies;

    public SparkPackages(String coordinate, Path repository, Path localMavenRepository,
            Path mavenRuntimeDependencies) {
        this.coordinate = coordinate;
        this.repository = repository;
        this.localMavenRepository = localMavenRepository;
        this.mavenRuntimeDependencies = mavenRuntimeDependencies;
    }

    /** This module's artifact and the files the build prepared for it (system properties {@code packages.*}). */
    public static SparkPackages fromBuild() {
        return new SparkPackages(required("packages.coordinate"), Path.of(required("packages.repository")),
                Path.of(required("packages.localRepository")), Path.of(required("packages.mavenDependencies")));
    }

    /**
     * The jars {@code --packages} puts on the class path, by file name as Spark names them
     * ({@code <group>_<artifact>-<version>.jar}).
     *
     * @param work an empty folder for the Ivy settings and cache
     */
    private Set<String> resolve(Path work) {
        Path settings = IvySettings.write(work.resolve("ivysettings.xml"), repository, localMavenRepository);
        Iterable<String> paths = resolveWithSpark(settings.toString(), work.resolve("ivy").toString());
        Set<String> jars = new TreeSet<>();
        paths.forEach(path -> jars.add(Path.of(path).getFileName().toString()));
        return jars;
    }

    /**
     * Checks that {@code --packages} brings exactly the libraries Maven resolves for the artifact at runtime, and
     * none of what Spark ships (Netty, Jackson, Spark, Scala). Versions may differ: for a library Spark also
     * depends on, Maven settles on Spark's version (which Spark's class path has anyway), Ivy on the one the
     * connector declares.
     *
     * @param work an empty folder for the Ivy settings and cache
     * @throws AssertionError naming the jars that differ
     */
    public void assertBringsWhatMavenResolves(Path work) {
        Set<String> resolved = resolve(work);
        Map<String, String> expected = mavenRuntimeLibraries();
        Set<String> unexpected = new TreeSet<>();
        Set<String> brought = new TreeSet<>();
        for (String jar : resolved) {
            Optional<String> library = expected.keySet().stream().filter(name -> isJarOf(jar, name)).findFirst();
            library.ifPresentOrElse(brought::add, () -> unexpected.add(jar));
        }
        Set<String> missing = expected.entrySet().stream().filter(library -> !brought.contains(library.getKey()))
                .map(library -> library.getKey() + ":" + library.getValue())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> sparks = resolved.stream().filter(jar -> SPARKS_OWN.stream().anyMatch(jar::startsWith))
                .collect(Collectors.toCollection(TreeSet::new));
        if (!unexpected.isEmpty() || !missing.isEmpty() || !sparks.isEmpty()) {
            throw new AssertionError("--packages " + coordinate + " brings" + lines(resolved)
                    + "Not resolved by Maven:" + lines(unexpected) + "Resolved by Maven but not brought:"
                    + lines(missing) + "What Spark ships itself:" + lines(sparks));
        }
    }

    /** Whether a jar as Spark names it ({@code <group>_<artifact>-<version>.jar}) is of {@code group:artifact}. */
    private static boolean isJarOf(String jar, String library) {
        String prefix = library.replace(':', '_') + "-";
        // A version starts with a digit; "netty-codec-http-4.1.jar" is not a version of netty-codec.
        return jar.startsWith(prefix) && jar.length() > prefix.length()
                && Character.isDigit(jar.charAt(prefix.length()));
    }

    /**
     * The libraries ({@code group:artifact}, with their versions) Maven resolves for the artifact at runtime
     * (compile and runtime scopes; Spark's provided ones left out), and the artifact itself.
     */
    private Map<String, String> mavenRuntimeLibraries() {
        Map<String, String> libraries = new TreeMap<>();
        String[] own = coordinate.split(":");
        libraries.put(own[0] + ":" + own[1], own[2]);
        try {
            for (String line : Files.readAllLines(mavenRuntimeDependencies, StandardCharsets.UTF_8)) {
                // "   group:artifact:type[:classifier]:version:scope[ -- module name]"
                String[] parts = line.trim().split("\\s+")[0].split(":");
                if (parts.length >= 5 && line.startsWith(" ")) {
                    libraries.put(parts[0] + ":" + parts[1], parts[parts.length - 2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return libraries;
    }

    private Iterable<String> resolveWithSpark(String settingsFile, String ivyPath) {
        Class<?> resolver = sparkResolver();
        PrintStream log = System.out;
        try {
            Object ivySettings = invoke(resolver, "loadIvySettings", settingsFile, Option.apply(null),
                    Option.apply(ivyPath), log);
            // coordinates, settings, no separate no-cache settings, transitive, no exclusions, not a test run
            Object jars = invoke(resolver, "resolveMavenCoordinates", coordinate, ivySettings, Option.apply(null),
                    true, scala.collection.immutable.Nil$.MODULE$, false, log);
            scala.collection.Iterator<?> iterator = ((scala.collection.Iterable<?>) jars).iterator();
            List<String> paths = new ArrayList<>();
            while (iterator.hasNext()) {
                paths.add(String.valueOf(iterator.next()));
            }
            return paths;
        } catch (InvocationTargetException e) {
            throw new AssertionError("spark-submit's resolver failed on " + coordinate, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Spark's resolver has another signature than expected", e);
        }
    }

    private static Class<?> sparkResolver() {
        for (String name : List.of(SPARK_4, SPARK_3)) {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                // Try the next Spark line's.
            }
        }
        throw new AssertionError("Neither " + SPARK_4 + " nor " + SPARK_3 + " is on the class path");
    }

    /**
     * Calls the static method of that name whose parameters take the arguments; Spark 3.5's variants lack the
     * trailing PrintStream of Spark 4's.
     */
    private static Object invoke(Class<?> resolver, String name, Object... arguments)
            throws ReflectiveOperationException {
        for (Method method : resolver.getMethods()) {
            int count = method.getParameterCount();
            if (method.getName().equals(name) && (count == arguments.length || count == arguments.length - 1)) {
                return method.invoke(null, Arrays.copyOf(arguments, count));
            }
        }
        throw new NoSuchMethodException(resolver.getName() + "." + name + " with " + arguments.length + " or "
                + (arguments.length - 1) + " parameters; it has " + Arrays.stream(resolver.getMethods())
                .map(Method::getName).filter(name::equals).count() + " of that name");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; the build's failsafe "
                    + "configuration sets it (see the module's POM)");
        }
        return value;
    }

    @Override
    public String toString() {
        return "SparkPackages[" + coordinate + " from " + repository + ", then " + localMavenRepository + "]";
    }

    private static String lines(Set<String> jars) {
        return jars.stream().collect(Collectors.joining("\n  ", "\n  ", "\n"));
    }
}
