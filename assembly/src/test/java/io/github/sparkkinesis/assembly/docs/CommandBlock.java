package io.github.sparkkinesis.assembly.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced shell block of a Markdown file ({@code ```sh}, {@code bash}, {@code shell}, {@code console}): where it
 * is, its text, and its commands, one per line once continuation lines ending in {@code \} are joined.
 *
 * @param where the file relative to the repository and the line of the opening fence, e.g. {@code README.md:13}
 */
record CommandBlock(String where, String text, List<String> commands) {

    private static final Pattern SHELL_BLOCK = Pattern.compile(
            "^```(?:sh|bash|shell|console)[ \\t]*\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern TRAILING_COMMENT = Pattern.compile("\\s+#\\s.*$");

    /** The shell blocks of {@code markdown}, in order. */
    static List<CommandBlock> in(Path root, Path markdown) {
        String document;
        try {
            document = Files.readString(markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<CommandBlock> blocks = new ArrayList<>();
        Matcher block = SHELL_BLOCK.matcher(document);
        while (block.find()) {
            int line = 1 + (int) document.substring(0, block.start()).chars().filter(c -> c == '\n').count();
            String where = root.relativize(markdown).toString().replace('\\', '/') + ":" + line;
            blocks.add(new CommandBlock(where, block.group(1), commands(block.group(1))));
        }
        return blocks;
    }

    private static List<String> commands(String text) {
        List<String> commands = new ArrayList<>();
        StringBuilder command = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.endsWith("\\")) {
                command.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            command.append(trimmed);
            if (!command.toString().isBlank() && !command.toString().startsWith("#")) {
                commands.add(command.toString());
            }
            command.setLength(0);
        }
        return commands;
    }

    /** The first command without its comment, to name the block in messages. */
    String firstCommand() {
        return commands.isEmpty() ? "(no command)" : TRAILING_COMMENT.matcher(commands.get(0)).replaceFirst("");
    }
}
