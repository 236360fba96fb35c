package dev.tcpflight.cli.render;

import dev.tcpflight.cli.recording.ConnectionEnd;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.SocketInfo;
import dev.tcpflight.cli.recording.Transition;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Plain text: per connection a header line, one aligned row per transition (time since the connection's first
 * transition, FROM → TO, trigger, source, application frame, detail) and, when it ended, a summary line.
 */
public final class TimelineRenderer {

    private static final String INDENT = "  ";
    private static final String GAP = "  ";

    private final Glyphs glyphs;

    public TimelineRenderer(Glyphs glyphs) {
        this.glyphs = glyphs;
    }

    public void render(List<ConnectionTimeline> timelines, PrintWriter out) {
        boolean severalRecordings = timelines.stream().map(t -> t.key().recording()).distinct().count() > 1;
        List<List<String[]>> rows = timelines.stream().map(this::rows).toList();
        // One set of column widths for the whole output, so that all connections line up.
        int[] widths = widths(rows.stream().flatMap(List::stream).toList());
        for (int i = 0; i < timelines.size(); i++) {
            ConnectionTimeline timeline = timelines.get(i);
            if (i > 0) {
                out.println();
            }
            out.println(header(timeline, severalRecordings));
            rows.get(i).forEach(row -> out.println(INDENT + format(row, widths)));
            timeline.end().ifPresent(end -> out.println(INDENT + summary(end)));
        }
        out.flush();
    }

    private String header(ConnectionTimeline timeline, boolean withRecording) {
        SocketInfo socket = timeline.socket();
        String connection = "#" + timeline.id() + " " + socket.role() + " " + socket.local() + " "
                + glyphs.arrow() + " " + socket.remote();
        String recording = withRecording ? "[" + timeline.key().recording().getFileName() + "]" : "";
        return Stream.of(connection, socket.socketApi(), timeline.thread(), recording)
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining(GAP));
    }

    private List<String[]> rows(ConnectionTimeline timeline) {
        List<String[]> rows = new ArrayList<>();
        if (timeline.transitions().isEmpty()) {
            return rows;
        }
        Instant first = timeline.transitions().get(0).time();
        for (Transition t : timeline.transitions()) {
            rows.add(new String[] {
                "+" + millis(Duration.between(first, t.time())),
                t.fromState() + " " + glyphs.arrow() + " " + t.toState(),
                t.trigger(), t.source(), t.topFrame(), t.detail()
            });
        }
        return rows;
    }

    private static String summary(ConnectionEnd end) {
        return "ended " + end.finalState() + " (" + end.endCause() + ") after " + millis(end.duration())
                + ", read " + end.bytesRead() + " B, wrote " + end.bytesWritten() + " B";
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.3f ms", duration.toNanos() / 1_000_000.0);
    }

    private static int[] widths(List<String[]> rows) {
        int[] widths = new int[rows.isEmpty() ? 0 : rows.get(0).length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        return widths;
    }

    /** The time column is right-aligned so that its decimal points line up; the others are left-aligned. */
    private static String format(String[] row, int[] widths) {
        StringBuilder line = new StringBuilder(" ".repeat(widths[0] - row[0].length())).append(row[0]);
        for (int c = 1; c < row.length; c++) {
            line.append(GAP).append(row[c]).append(" ".repeat(widths[c] - row[c].length()));
        }
        return line.toString().stripTrailing();
    }
}
