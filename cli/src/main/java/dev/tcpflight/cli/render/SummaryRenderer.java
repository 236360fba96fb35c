package dev.tcpflight.cli.render;

import dev.tcpflight.cli.analysis.Anomaly;
import dev.tcpflight.cli.analysis.AnomalyGroup;
import dev.tcpflight.cli.analysis.Summary;
import java.io.PrintWriter;

/** {@code tcpflight summary}: an overview line, the tables, then each anomaly group with its examples. */
public record SummaryRenderer(Glyphs glyphs, Colors colors) {

    private static final String INDENT = "  ";

    public void render(Summary summary, PrintWriter out) {
        out.println(SummaryTables.overview(summary));
        for (SummaryTables.Table section : SummaryTables.tables(summary)) {
            out.println();
            out.println(colors.heading(section.title()));
            TextTable table = new TextTable(INDENT, section.aligns().toArray(TextTable.Align[]::new));
            table.heading(section.columns().toArray(String[]::new));
            section.rows().forEach(row -> table.row(row.toArray(String[]::new)));
            table.lines(colors::bold).forEach(out::println);
        }
        out.println();
        out.println(colors.heading(SummaryTables.anomaliesTitle(summary)));
        boolean severalRecordings = summary.recordings().size() > 1;
        for (AnomalyGroup group : summary.anomalies()) {
            out.println(INDENT + SummaryTables.groupLine(group));
            for (Anomaly example : group.examples()) {
                out.println(INDENT + INDENT + Labels.connection(example.connection(), example.socket(), glyphs)
                        + (severalRecordings ? " " + Labels.recording(example.connection()) : "")
                        + ": " + example.evidence());
            }
            if (group.count() > group.examples().size()) {
                out.println(INDENT + INDENT + SummaryTables.more(group));
            }
        }
        out.flush();
    }
}
