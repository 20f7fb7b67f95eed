package io.github.sparkkinesis.assembly.docs;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one shell command line into its words as bash would for the commands the docs show: quotes removed,
 * backslash escapes applied, a comment ({@code #} at the start of a word) dropped. {@code $(...)} inside double
 * quotes stays in its word, unexpanded; variables are left to {@link ShellVariables}.
 */
final class ShellWords {

    private ShellWords() {
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        int nested = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"' && nested == 0) {
                    quote = 0;
                } else {
                    // A command substitution may hold quotes of its own: eval "$(local-stack/bin/local-stack env)".
                    nested += c == '(' && i > 0 && line.charAt(i - 1) == '$' ? 1 : c == ')' && nested > 0 ? -1 : 0;
                    word.append(c);
                }
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '#' && !inWord) {
                break;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("Unclosed " + quote + " in: " + line);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
