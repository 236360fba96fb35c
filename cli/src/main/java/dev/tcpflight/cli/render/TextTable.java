package dev.tcpflight.cli.render;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Rows of cells padded to the widest cell of their column (over the whole table, so that rows split by other
 * lines still line up), and lines of free text kept as they are, in the order they were added.
 */
public final class TextTable {

    public enum Align { LEFT, RIGHT }

    private static final String GAP = "  ";

    private record Entry(String[] cells, String text, boolean heading) {
    }

    private final String indent;
    private final Align[] aligns;
    private final List<Entry> entries = new ArrayList<>();

    public TextTable(String indent, Align... aligns) {
        this.indent = indent;
        this.aligns = aligns.clone();
    }

    public TextTable row(String... cells) {
        entries.add(new Entry(checked(cells), null, false));
        return this;
    }

    /** A row of column titles, shown in the heading style. */
    public TextTable heading(String... cells) {
        entries.add(new Entry(checked(cells), null, true));
        return this;
    }

    /** A line outside the columns (a header, a blank line): neither padded nor counted in the widths. */
    public TextTable text(String line) {
        entries.add(new Entry(null, line, false));
        return this;
    }

    public List<String> lines(UnaryOperator<String> headingStyle) {
        int[] widths = new int[aligns.length];
        entries.stream().filter(e -> e.cells != null).forEach(e -> fit(widths, e.cells));
        List<String> lines = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            if (entry.cells == null) {
                lines.add(entry.text);
            } else {
                String line = format(entry.cells, widths);
                lines.add(entry.heading ? headingStyle.apply(line) : line);
            }
        }
        return lines;
    }

    /**
     * Widens {@code widths} to fit {@code cells}: for a table too large to hold, measured in one pass over its
     * rows and printed with {@link #line} in another.
     */
    public static void fit(int[] widths, String... cells) {
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(widths[c], cells[c].length());
        }
    }

    /** One row padded to {@code widths}, exactly as {@link #lines} prints rows. */
    public String line(int[] widths, String... cells) {
        checkCount(cells);
        return format(cells, widths);
    }

    /** Written into one builder of the final size: a timeline formats a row per transition. */
    private String format(String[] cells, int[] widths) {
        int size = indent.length();
        for (int c = 0; c < cells.length; c++) {
            size += GAP.length() + Math.max(widths[c], cells[c].length());
        }
        StringBuilder line = new StringBuilder(size).append(indent);
        for (int c = 0; c < cells.length; c++) {
            int padding = widths[c] - cells[c].length();
            line.append(c == 0 ? "" : GAP);
            if (aligns[c] == Align.RIGHT) {
                pad(line, padding).append(cells[c]);
            } else {
                pad(line.append(cells[c]), padding);
            }
        }
        int end = line.length();
        while (end > indent.length() && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        line.setLength(end);
        return line.toString();
    }

    private static StringBuilder pad(StringBuilder line, int spaces) {
        for (int i = 0; i < spaces; i++) {
            line.append(' ');
        }
        return line;
    }

    private String[] checked(String[] cells) {
        checkCount(cells);
        return cells.clone();
    }

    private void checkCount(String[] cells) {
        if (cells.length != aligns.length) {
            throw new IllegalArgumentException(cells.length + " cells for " + aligns.length + " columns");
        }
    }
}
