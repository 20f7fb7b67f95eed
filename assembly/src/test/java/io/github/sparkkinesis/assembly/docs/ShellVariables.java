package io.github.sparkkinesis.assembly.docs;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables a command block sets ({@code ASSEMBLY=assembly/target/...jar}, {@code export A=b}), substituted in
 * its later commands, so that {@code --jars $ASSEMBLY} is checked as the path it stands for. Variables the block
 * does not set (those of {@code local-stack env}, say) are left as written.
 */
final class ShellVariables {

    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    private final Map<String, String> values = new HashMap<>();

    /** Records {@code word} if it is an assignment; whether it was. */
    boolean assign(String word) {
        Matcher assignment = ASSIGNMENT.matcher(word);
        if (!assignment.matches()) {
            return false;
        }
        values.put(assignment.group(1), substitute(assignment.group(2)));
        return true;
    }

    String substitute(String word) {
        Matcher reference = REFERENCE.matcher(word);
        StringBuilder result = new StringBuilder();
        while (reference.find()) {
            String value = values.get(reference.group(1));
            reference.appendReplacement(result, Matcher.quoteReplacement(value == null ? reference.group() : value));
        }
        return reference.appendTail(result).toString();
    }
}
