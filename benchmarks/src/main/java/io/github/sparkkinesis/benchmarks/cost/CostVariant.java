package io.github.sparkkinesis.benchmarks.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * One side of a before/after pair: a name and what its child JVM gets on top of the harness's own options: JVM
 * options ({@code -XX:+UseParallelGC}, {@code -Dspark.serializer=...}, {@code -Dbenchmark.storageLevel=...}) and,
 * with a {@code classes=DIR} token, a directory put first on its class path (the connector's classes as they were
 * before a change, to measure the change).
 */
record CostVariant(String name, List<String> jvmOptions, String classesFirst) {

    /** Parses {@code NAME} or {@code NAME:OPTION OPTION ...}. */
    static CostVariant parse(String spec) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        if (name.isBlank()) {
            throw new IllegalArgumentException("--variant takes NAME[:JVM-OPTIONS], got '" + spec + "'");
        }
        List<String> options = new ArrayList<>();
        String classes = null;
        if (colon >= 0) {
            for (String token : spec.substring(colon + 1).trim().split("\\s+")) {
                if (token.startsWith("classes=")) {
                    classes = token.substring("classes=".length());
                } else if (!token.isEmpty()) {
                    options.add(token);
                }
            }
        }
        return new CostVariant(name, List.copyOf(options), classes);
    }
}
