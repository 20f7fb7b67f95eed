package io.github.sparkkinesis.assembly.docs;

import java.util.List;

/**
 * How one documented command block is run: by tests of this build (named, so the check can find them), or not
 * here, with the reason (real AWS, a real cluster, a Spark installation, far too long for the suite) and what runs
 * in its stead.
 *
 * @param file the Markdown file, relative to the repository
 * @param fragment text that only this block of the file holds
 * @param runBy the test classes (or repository files, such as {@code .ci/run}) that run its commands; empty if none
 * @param whyNotRun why no test runs it as written; null if tests do
 */
record DocumentedRoute(String file, String fragment, List<String> runBy, String whyNotRun) {

    static DocumentedRoute runBy(String file, String fragment, String... tests) {
        return new DocumentedRoute(file, fragment, List.of(tests), null);
    }

    static DocumentedRoute notRunHere(String file, String fragment, String why) {
        return new DocumentedRoute(file, fragment, List.of(), why);
    }

    boolean matches(CommandBlock block) {
        return block.where().startsWith(file + ":") && block.text().contains(fragment);
    }

    String describe() {
        return whyNotRun == null ? "run by " + String.join(", ", runBy) : "not run here: " + whyNotRun;
    }
}
