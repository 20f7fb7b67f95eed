package io.github.sparkkinesis.assembly.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the repository holds, as the documented commands name it: the Maven modules (folder and artifact), the
 * profiles, the test classes, the local-stack script's subcommands, and the classes of the jars the build wrote.
 * Read from the files, so that a renamed module, profile, class or subcommand makes the docs that name it fail.
 */
final class ProjectTree {

    private static final Pattern PARENT = Pattern.compile("<parent>.*?</parent>", Pattern.DOTALL);
    private static final Pattern ARTIFACT_ID = Pattern.compile("<artifactId>([^<]+)</artifactId>");
    private static final Pattern VERSION = Pattern.compile("<version>([^<]+)</version>");
    private static final Pattern PROFILE_ID = Pattern.compile("<profile>\\s*(?:<!--.*?-->\\s*)*<id>([^<]+)</id>",
            Pattern.DOTALL);
    /** The subcommands the script's usage lists: two spaces, the name, its arguments and what it does. */
    private static final Pattern SCRIPT_SUBCOMMAND = Pattern.compile("^  ([a-z][a-z-]*) ", Pattern.MULTILINE);
    private static final Set<String> SKIPPED_FOLDERS = Set.of("target", "node_modules", ".git", ".run");

    private final Path root;
    private final Map<String, Path> moduleFolders = new HashMap<>();
    private final Set<String> artifactIds = new HashSet<>();
    private final Set<String> profiles = new HashSet<>();
    private final Set<String> testClasses = new HashSet<>();
    private final String version;

    ProjectTree(Path root) {
        this.root = root;
        String rootPom = read(root.resolve("pom.xml"));
        Matcher version = VERSION.matcher(PARENT.matcher(rootPom).replaceFirst(""));
        if (!version.find()) {
            throw new IllegalStateException("No version in " + root.resolve("pom.xml"));
        }
        this.version = version.group(1);
        for (Path pom : files("pom.xml")) {
            String text = read(pom);
            moduleFolders.put(relative(pom.getParent()), pom.getParent());
            Matcher artifact = ARTIFACT_ID.matcher(PARENT.matcher(text).replaceFirst(""));
            if (artifact.find()) {
                artifactIds.add(artifact.group(1));
            }
            Matcher profile = PROFILE_ID.matcher(text);
            while (profile.find()) {
                profiles.add(profile.group(1));
            }
        }
        for (Path source : files(".java")) {
            if (relative(source).contains("/src/test/")) {
                String name = source.getFileName().toString();
                testClasses.add(name.substring(0, name.length() - ".java".length()));
            }
        }
    }

    Path root() {
        return root;
    }

    String version() {
        return version;
    }

    /** Whether {@code folder} (as {@code -pl} takes it, e.g. {@code spark-lines/spark-4.1}) is a module. */
    boolean isModule(String folder) {
        return moduleFolders.containsKey(folder.replaceAll("/+$", ""));
    }

    boolean isArtifact(String artifactId) {
        return artifactIds.contains(artifactId);
    }

    boolean isProfile(String id) {
        return profiles.contains(id);
    }

    /** Whether a test class of that simple name exists in any module. */
    boolean isTestClass(String simpleName) {
        return testClasses.contains(simpleName);
    }

    /** Whether {@code word} starts with a top-level folder of the repository: a path the docs want to exist. */
    boolean looksLikeProjectPath(String word) {
        int slash = word.indexOf('/');
        return slash > 0 && !word.contains("://") && Files.isDirectory(root.resolve(word.substring(0, slash)))
                && !word.startsWith(".");
    }

    boolean exists(String relativePath) {
        return Files.exists(root.resolve(relativePath));
    }

    /** The subcommands of {@code local-stack/bin/local-stack}, from its usage text. */
    Set<String> localStackSubcommands() {
        Set<String> names = new HashSet<>();
        Matcher subcommand = SCRIPT_SUBCOMMAND.matcher(read(root.resolve("local-stack/bin/local-stack")));
        while (subcommand.find()) {
            names.add(subcommand.group(1));
        }
        return names;
    }

    /** Whether the jar at {@code relativePath} holds class {@code className}. */
    boolean jarHoldsClass(String relativePath, String className) {
        try (JarFile jar = new JarFile(root.resolve(relativePath).toFile())) {
            return jar.getEntry(className.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + relativePath, e);
        }
    }

    /** The files whose names end in {@code nameEnding}, outside build output, npm packages and run state. */
    private List<Path> files(String nameEnding) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                    return SKIPPED_FOLDERS.contains(folder.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (file.getFileName().toString().endsWith(nameEnding)) {
                        found.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
        return found;
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
