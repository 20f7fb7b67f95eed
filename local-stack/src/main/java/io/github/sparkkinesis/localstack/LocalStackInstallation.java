package io.github.sparkkinesis.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the pinned npm packages of the local stack (kinesis-mock as {@code kinesis-local}, and {@code dynalite})
 * are installed, and which {@code node} runs them.
 *
 * <p>The installation directory is the folder that holds {@code node_modules/}. It is found, in order, from
 * <ol>
 *   <li>the system property {@value #HOME_PROPERTY} (the Maven build sets it to {@code local-stack/});</li>
 *   <li>the environment variable {@value #HOME_ENV};</li>
 *   <li>otherwise the kit installs the pinned packages itself, once, with {@code npm ci} into
 *       {@code ~/.cache/spark-streaming-kinesis/local-stack/<lockfile hash>/}, from the {@code package.json} and
 *       {@code package-lock.json} bundled in this jar. This needs {@code npm} and access to the npm registry.</li>
 * </ol>
 * The Node.js executable is {@code node} from the {@code PATH} unless {@value #NODE_PROPERTY} names another one.
 */
public final class LocalStackInstallation {

    public static final String HOME_PROPERTY = "sparkkinesis.localstack.home";
    public static final String HOME_ENV = "SPARK_KINESIS_LOCALSTACK_HOME";
    public static final String NODE_PROPERTY = "sparkkinesis.localstack.node";

    private static final Logger LOG = LoggerFactory.getLogger(LocalStackInstallation.class);
    private static final String BUNDLED_MANIFEST_DIR = "/io/github/sparkkinesis/localstack/npm/";
    private static final List<String> MANIFEST_FILES = List.of("package.json", "package-lock.json");
    private static final long NPM_CI_TIMEOUT_MINUTES = 10;

    private final Path home;
    private final String nodeExecutable;

    private LocalStackInstallation(Path home, String nodeExecutable) {
        this.home = home;
        this.nodeExecutable = nodeExecutable;
    }

    /** Finds (or, failing that, creates) the installation as described in the class documentation. */
    public static LocalStackInstallation locate() {
        String node = System.getProperty(NODE_PROPERTY, "node");
        Optional<Path> configured = configuredHome();
        Path home = configured.orElseGet(LocalStackInstallation::installIntoUserCache);
        LocalStackInstallation installation = new LocalStackInstallation(home, node);
        installation.verify(configured.isPresent());
        return installation;
    }

    /** An installation in an explicit directory (the one holding {@code node_modules/}). */
    public static LocalStackInstallation at(Path home) {
        LocalStackInstallation installation =
                new LocalStackInstallation(home.toAbsolutePath(), System.getProperty(NODE_PROPERTY, "node"));
        installation.verify(true);
        return installation;
    }

    public Path home() {
        return home;
    }

    public String nodeExecutable() {
        return nodeExecutable;
    }

    /** kinesis-mock's package folder: it must be the working directory, so that it finds its {@code server.json}. */
    public Path kinesisMockDirectory() {
        return home.resolve("node_modules").resolve("kinesis-local");
    }

    public Path kinesisMockScript() {
        return kinesisMockDirectory().resolve("main.js");
    }

    public Path dynaliteScript() {
        return home.resolve("node_modules").resolve("dynalite").resolve("cli.js");
    }

    private void verify(boolean configured) {
        for (Path script : List.of(kinesisMockScript(), dynaliteScript())) {
            if (!Files.isRegularFile(script)) {
                String hint = configured
                        ? "Run 'npm ci' in " + home + " (the Maven build does this in local-stack/), or unset "
                                + HOME_PROPERTY + "/" + HOME_ENV + " to let the kit install the servers itself."
                        : "The automatic 'npm ci' did not produce it; see the log above.";
                throw new IllegalStateException("Local stack server script not found: " + script + ". " + hint);
            }
        }
    }

    private static Optional<Path> configuredHome() {
        String fromProperty = System.getProperty(HOME_PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Optional.of(Paths.get(fromProperty).toAbsolutePath());
        }
        String fromEnv = System.getenv(HOME_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(Paths.get(fromEnv).toAbsolutePath());
        }
        return Optional.empty();
    }

    private static Path installIntoUserCache() {
        byte[] lockfile = readBundled("package-lock.json");
        Path target = Paths.get(System.getProperty("user.home"), ".cache", "spark-streaming-kinesis", "local-stack",
                sha256(lockfile).substring(0, 16));
        try {
            Files.createDirectories(target);
            // Several test JVMs may start at once: only one of them runs npm ci.
            try (FileChannel channel = FileChannel.open(target.resolve(".install.lock"),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                Path done = target.resolve(".installed");
                if (!Files.exists(done)) {
                    for (String file : MANIFEST_FILES) {
                        try (InputStream in = bundled(file)) {
                            Files.copy(in, target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                    runNpmCi(target);
                    Files.writeString(done, "ok\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not install the local stack into " + target, e);
        }
        return target;
    }

    private static void runNpmCi(Path directory) throws IOException {
        LOG.info("Installing the pinned local stack servers with 'npm ci' into {}", directory);
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("npm-ci.log").toFile())
                .start();
        try {
            if (!npm.waitFor(NPM_CI_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IOException("npm ci did not finish within " + NPM_CI_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            npm.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running npm ci", e);
        }
        if (npm.exitValue() != 0) {
            throw new IOException("npm ci failed with exit code " + npm.exitValue() + "; see "
                    + directory.resolve("npm-ci.log"));
        }
    }

    private static InputStream bundled(String file) {
        InputStream in = LocalStackInstallation.class.getResourceAsStream(BUNDLED_MANIFEST_DIR + file);
        if (in == null) {
            throw new IllegalStateException("The local-stack jar does not contain " + file);
        }
        return in;
    }

    private static byte[] readBundled(String file) {
        try (InputStream in = bundled(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
