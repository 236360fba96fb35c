package dev.tcpflight.cli.render;

import dev.tcpflight.cli.analysis.Anomaly;
import dev.tcpflight.cli.analysis.AnomalyGroup;
import dev.tcpflight.cli.analysis.Summary;
import dev.tcpflight.cli.recording.KernelOnlySocket;
import dev.tcpflight.cli.recording.KernelOnlySockets;
import java.io.PrintWriter;
import java.util.List;

/** {@code tcpflight summary}: an overview line, the tables, then each anomaly group with its examples. */
public record SummaryRenderer(Glyphs glyphs, Colors colors) {

    private static final String INDENT = "  ";

    public void render(Summary summary, PrintWriter out) {
        render(summary, new KernelOnlySockets(), out);
    }

    /** With the sockets the kernel showed and no hook saw, after the tables (nothing when there are none). */
    public void render(Summary summary, KernelOnlySockets kernelOnly, PrintWriter out) {
        out.println(SummaryTables.overview(summary));
        for (SummaryTables.Table section : SummaryTables.tables(summary)) {
            out.println();
            out.println(colors.heading(section.title()));
            TextTable table = new TextTable(INDENT, section.aligns().toArray(TextTable.Align[]::new));
            table.heading(section.columns().toArray(String[]::new));
            section.rows().forEach(row -> table.row(row.toArray(String[]::new)));
            table.lines(colors::bold).forEach(out::println);
        }
        printKernelOnly(kernelOnly, summary.recordings().size() > 1, out);
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

    private void printKernelOnly(KernelOnlySockets kernelOnly, boolean severalRecordings, PrintWriter out) {
        List<KernelOnlySocket> sockets = kernelOnly.sockets();
        if (!sockets.isEmpty()) {
            out.println();
            out.println(colors.heading("Sockets seen only by the kernel (" + (sockets.size() + kernelOnly.leftOut())
                    + "): no hook saw them; states as the agent's periodic looks found them"));
            TextTable table = new TextTable(INDENT, TextTable.Align.LEFT, TextTable.Align.LEFT,
                    TextTable.Align.RIGHT, TextTable.Align.LEFT, TextTable.Align.LEFT);
            table.heading("role", "local " + glyphs.arrow() + " remote", "fd", "states", "why unseen");
            for (KernelOnlySocket s : sockets) {
                table.row(s.role(), s.local() + " " + glyphs.arrow() + " " + s.remote()
                        + (severalRecordings ? " (" + s.file().getFileName() + ")" : ""), String.valueOf(s.fd()),
                        String.join(" " + glyphs.arrow() + " ", s.states()), s.reason());
            }
            table.lines(colors::bold).forEach(out::println);
        }
        for (String transport : kernelOnly.untracedTransports()) {
            out.println(INDENT + "not traced by the agent: " + transport);
        }
    }
}
