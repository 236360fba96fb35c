package dev.tcpflight.cli.render;

import dev.tcpflight.cli.analysis.AnomalyGroup;
import dev.tcpflight.cli.analysis.DurationStats;
import dev.tcpflight.cli.analysis.Summary;
import dev.tcpflight.cli.recording.Durations;
import dev.tcpflight.cli.recording.RecordingSpan;
import dev.tcpflight.cli.render.TextTable.Align;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The summary's words and tables, shared by the text ({@link SummaryRenderer}) and HTML renderers. */
final class SummaryTables {

    record Table(String title, List<String> columns, List<Align> aligns, List<List<String>> rows) {
    }

    private SummaryTables() {
    }

    /** {@code 4 connections, 11 transitions in app.jfr (21.505 ms)}. */
    static String overview(Summary summary) {
        String recordings = summary.recordings().stream()
                .map(r -> r.file().getFileName() + " (" + Durations.human(duration(r)) + ")")
                .collect(Collectors.joining(", "));
        return summary.connections() + " connections, " + summary.transitions() + " transitions in " + recordings;
    }

    static List<Table> tables(Summary summary) {
        String uncounted = summary.uncountedEndpoints() == 0 ? ""
                : " (" + summary.uncountedEndpoints() + " connections to further endpoints not counted)";
        return List.of(
                new Table("Connections by role and end", List.of("role", "final state", "end", "connections"),
                        List.of(Align.LEFT, Align.LEFT, Align.LEFT, Align.RIGHT),
                        summary.outcomes().stream().map(o -> List.of(o.role(), o.finalState(), o.endCause(),
                                String.valueOf(o.connections()))).toList()),
                new Table("Time in each state (median and p99 exact up to 1024 times, then within 0.5%)",
                        List.of("state", "times", "min", "median", "p99", "max"),
                        List.of(Align.LEFT, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.RIGHT),
                        summary.stateTimes().stream().map(t -> stats(t.state(), t.stats())).toList()),
                new Table("Top remote endpoints" + uncounted, List.of("role", "remote endpoint", "connections"),
                        List.of(Align.LEFT, Align.LEFT, Align.RIGHT),
                        summary.topEndpoints().stream().map(e -> List.of(e.role(), e.endpoint(),
                                String.valueOf(e.connections()))).toList()));
    }

    static String anomaliesTitle(Summary summary) {
        return summary.anomalies().isEmpty() ? "Anomalies: none" : "Anomalies (" + summary.anomalyCount() + ")";
    }

    /** {@code connect refused (1) at Client.connect:12: RST in answer to the SYN...}. */
    static String groupLine(AnomalyGroup group) {
        String location = group.location().isEmpty() ? "at an unknown location (no stack trace recorded)"
                : "at " + group.location();
        return group.kind().title() + " (" + group.count() + ") " + location + ": " + group.kind().meaning();
    }

    static String more(AnomalyGroup group) {
        return "... and " + (group.count() - group.examples().size()) + " more";
    }

    private static List<String> stats(String state, DurationStats stats) {
        return List.of(state, String.valueOf(stats.count()), Durations.human(stats.min()),
                Durations.human(stats.median()), Durations.human(stats.p99()), Durations.human(stats.max()));
    }

    private static Duration duration(RecordingSpan recording) {
        return Duration.between(recording.start(), recording.end());
    }
}
