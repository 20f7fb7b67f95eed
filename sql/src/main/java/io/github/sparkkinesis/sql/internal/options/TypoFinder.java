package io.github.sparkkinesis.sql.internal.options;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the known option an unknown option name was meant to be. Spark hands a source every option of the reader,
 * its own among them, so unknown names cannot simply fail; but a name one or two keystrokes from a known one
 * ({@code maxRecordsPerTriger}, {@code intialPosition}) or spelled with separators ({@code stream_name}) is a typo
 * that would otherwise silently leave the option at its default.
 */
final class TypoFinder {

    /** Edits (insertions, deletions, substitutions, swaps of neighbours) that still count as a typo. */
    static final int MAX_EDITS = 2;

    private final List<String> knownNames;

    TypoFinder(List<String> knownNames) {
        this.knownNames = List.copyOf(knownNames);
    }

    /**
     * The known name {@code name} is closest to, if it is a near miss: case aside, at most {@link #MAX_EDITS}
     * edits away, with or without its {@code _}, {@code -} and {@code .}. Empty for known names (in any case) and
     * for names that resemble none; the first of the closest when several are as close.
     */
    Optional<String> nearMiss(String name) {
        String lowerCase = name.toLowerCase(Locale.ROOT);
        String withoutSeparators = withoutSeparators(lowerCase);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : knownNames) {
            String knownLowerCase = known.toLowerCase(Locale.ROOT);
            if (knownLowerCase.equals(lowerCase)) {
                return Optional.empty();
            }
            // Separators count as no edits at all: stream_name is streamName, max_records_per_triger a typo of
            // maxRecordsPerTrigger.
            int distance = Math.min(editDistance(lowerCase, knownLowerCase),
                    editDistance(withoutSeparators, knownLowerCase));
            if (distance <= MAX_EDITS && distance < bestDistance) {
                best = known;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String withoutSeparators(String name) {
        return name.replace("_", "").replace("-", "").replace(".", "");
    }

    /** Optimal string alignment distance: Levenshtein plus swaps of two neighbouring characters. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int substitution = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + substitution);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
