package org.apache.spark.streaming.kinesis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ivy settings for {@code --packages} as Spark resolves it, but from the build's own repository (what
 * {@code mvn install} would publish) and then the local Maven repository, so that tests need neither an install
 * nor the network.
 */
public final class IvySettings {

    private IvySettings() {
    }

    /** Writes settings resolving from {@code repository}, then {@code localMavenRepository}, to {@code file}. */
    public static Path write(Path file, Path repository, Path localMavenRepository) {
        String settings = "<ivysettings>\n"
                + "  <settings defaultResolver=\"build-first\"/>\n"
                + "  <resolvers>\n"
                + "    <chain name=\"build-first\" returnFirst=\"true\">\n"
                + "      <ibiblio name=\"build\" root=\"" + repository.toUri() + "\" m2compatible=\"true\"/>\n"
                + "      <ibiblio name=\"local-m2\" root=\"" + localMavenRepository.toUri()
                + "\" m2compatible=\"true\"/>\n"
                + "    </chain>\n"
                + "  </resolvers>\n"
                + "</ivysettings>\n";
        try {
            return Files.writeString(file, settings, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
