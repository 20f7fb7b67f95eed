package io.github.sparkkinesis.benchmarks.measure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How a measurement in a JVM of its own hands its figures to the harness: one line on its standard output,
 * {@code RESULT name=value;name=value}, among whatever else Spark prints there. Values hold no {@code ;} or
 * {@code =}.
 */
public final class ResultLine {

    static final String PREFIX = "RESULT ";

    private ResultLine() {
    }

    /** The line for these figures, in their order. */
    public static String format(Map<String, String> figures) {
        StringBuilder line = new StringBuilder(PREFIX);
        figures.forEach((name, value) -> {
            if (value.contains(";") || value.contains("=") || name.contains(";") || name.contains("=")) {
                throw new IllegalArgumentException("A figure must not contain ';' or '=': " + name + "=" + value);
            }
            if (line.length() > PREFIX.length()) {
                line.append(';');
            }
            line.append(name).append('=').append(value);
        });
        return line.toString();
    }

    /** The figures of {@code line} if it is a result line, in their order; empty for any other line. */
    public static Optional<Map<String, String>> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Map<String, String> figures = new LinkedHashMap<>();
        String body = line.substring(PREFIX.length()).trim();
        if (body.isEmpty()) {
            return Optional.of(figures);
        }
        for (String pair : body.split(";")) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("Not a name=value figure: '" + pair + "' in '" + line + "'");
            }
            figures.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return Optional.of(figures);
    }

    /** The figure of that name, e.g. {@code figure(parse(line).get(), "records")}. */
    public static String figure(Map<String, String> figures, String name) {
        String value = figures.get(name);
        if (value == null) {
            throw new IllegalArgumentException("The result line has no '" + name + "': " + figures);
        }
        return value;
    }
}
