package dev.tcpflight.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints rows as an aligned Markdown table, ready to paste into the README. */
final class Table {

    private Table() {
    }

    static void print(List<Row> rows, PrintStream out) {
        List<String[]> lines = new ArrayList<>();
        lines.add(Row.HEADER.cells());
        rows.forEach(row -> lines.add(row.cells()));
        int[] widths = new int[Row.HEADER.cells().length];
        for (String[] cells : lines) {
            for (int i = 0; i < cells.length; i++) {
                widths[i] = Math.max(widths[i], cells[i].length());
            }
        }
        for (int line = 0; line < lines.size(); line++) {
            print(lines.get(line), widths, out);
            if (line == 0) {
                String[] rule = new String[widths.length];
                for (int i = 0; i < widths.length; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                print(rule, widths, out);
            }
        }
    }

    private static void print(String[] cells, int[] widths, PrintStream out) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            line.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
        }
        out.println(line);
    }
}
