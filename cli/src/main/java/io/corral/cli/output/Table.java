package io.corral.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rows under upper-case headings, each column as wide as its widest cell, two spaces
 * apart; an empty or null cell is shown as {@code -}. Every table of the CLI is printed
 * by it.
 */
public final class Table {

    private final List<String> headings;

    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headings) {
        this.headings = headings;
    }

    public static Table of(String... headings) {
        return new Table(List.of(headings));
    }

    public Table row(Object... cells) {
        if (cells.length != headings.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + headings.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(Table::text).toList());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        out.print(render());
    }

    /** The table's lines, each ending with a newline. */
    public String render() {
        StringBuilder text = new StringBuilder();
        int[] widths = new int[headings.size()];
        for (List<String> row : allRows()) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : allRows()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length() + 2));
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private List<List<String>> allRows() {
        List<List<String>> all = new ArrayList<>(rows.size() + 1);
        all.add(headings);
        all.addAll(rows);
        return all;
    }

    private static String text(Object cell) {
        String text = cell == null ? "" : String.valueOf(cell);
        return text.isEmpty() ? "-" : text.replace('\n', ' ');
    }

}
