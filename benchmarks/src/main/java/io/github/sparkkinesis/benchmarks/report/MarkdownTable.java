package io.github.sparkkinesis.benchmarks.report;

import java.util.ArrayList;
import java.util.List;

/** A titled table of figures, printed as Markdown (readable on a console and in the docs alike). */
public final class MarkdownTable {

    private final String title;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    public MarkdownTable(String title, String... headers) {
        this.title = title;
        this.headers = List.of(headers);
    }

    public MarkdownTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(headers.size() + " columns, got " + cells.length + " cells");
        }
        rows.add(List.of(cells));
        return this;
    }

    public String toMarkdown() {
        StringBuilder out = new StringBuilder("### ").append(title).append("\n\n");
        line(out, headers);
        out.append('|');
        headers.forEach(header -> out.append("---|"));
        out.append('\n');
        rows.forEach(row -> line(out, row));
        return out.append('\n').toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append('|');
        cells.forEach(cell -> out.append(' ').append(cell).append(" |"));
        out.append('\n');
    }
}
