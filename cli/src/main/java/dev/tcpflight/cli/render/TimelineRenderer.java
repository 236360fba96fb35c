package dev.tcpflight.cli.render;

import dev.tcpflight.cli.recording.ConnectionEnd;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.Durations;
import dev.tcpflight.cli.render.TextTable.Align;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Plain text: the lanes' legend, then per connection a header line, its lane, one aligned row per transition
 * (time since the connection's first transition, FROM → TO, trigger, source, application frame, detail) and how
 * it ended. What is shared by all connections (the lanes' axis, the legend, the columns' widths) is measured
 * first ({@link Layout}), so that a recording too large to hold in memory can be printed connection by connection
 * in a second pass.
 */
public record TimelineRenderer(Glyphs glyphs, Colors colors) {

    private static final String INDENT = "  ";
    private static final Align[] COLUMNS = {Align.RIGHT, Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT};

    /** Everything at once, for connections already in memory, in the order given. */
    public void render(List<ConnectionTimeline> timelines, PrintWriter out) {
        Layout layout = new Layout();
        timelines.forEach(layout);
        if (layout.isEmpty()) {
            return;
        }
        printLegend(layout, out);
        timelines.forEach(timeline -> print(layout, timeline, out));
        out.flush();
    }

    /** The first pass: offer it every connection that will be printed. */
    public final class Layout implements Consumer<ConnectionTimeline> {
        private Instant from;
        private Instant to;
        private final Set<String> states = new LinkedHashSet<>();
        private final Set<Path> recordings = new HashSet<>();
        private final int[] widths = new int[COLUMNS.length];

        @Override
        public void accept(ConnectionTimeline timeline) {
            from = from == null || timeline.start().isBefore(from) ? timeline.start() : from;
            to = to == null || timeline.until().isAfter(to) ? timeline.until() : to;
            timeline.spans().forEach(span -> states.add(span.state()));
            recordings.add(timeline.key().recording());
            rows(timeline).forEach(cells -> TextTable.fit(widths, cells));
        }

        public boolean isEmpty() {
            return from == null;
        }
    }

    public void printLegend(Layout layout, PrintWriter out) {
        new Lanes(layout.from, layout.to).legend(layout.states, colors).forEach(out::println);
    }

    /** One connection, in the columns {@code layout} measured; it must have been offered to that layout. */
    public void print(Layout layout, ConnectionTimeline timeline, PrintWriter out) {
        TextTable table = new TextTable(INDENT, COLUMNS);
        out.println();
        out.println(header(timeline, layout.recordings.size() > 1));
        out.println(INDENT + new Lanes(layout.from, layout.to).lane(timeline, colors));
        rows(timeline).forEach(cells -> out.println(table.line(layout.widths, cells)));
        out.println(INDENT + ending(timeline, first(timeline)));
    }

    private List<String[]> rows(ConnectionTimeline timeline) {
        Instant first = first(timeline);
        return timeline.transitions().stream().map(t -> new String[] {
                "+" + Durations.millis(Duration.between(first, t.time())),
                t.fromState() + " " + glyphs.arrow() + " " + t.toState(),
                t.trigger(), t.source(), t.topFrame(), t.detail()}).toList();
    }

    private static Instant first(ConnectionTimeline timeline) {
        return timeline.transitions().isEmpty() ? timeline.start() : timeline.transitions().get(0).time();
    }

    private String header(ConnectionTimeline timeline, boolean withRecording) {
        String recording = withRecording ? Labels.recording(timeline.key()) : "";
        StringBuilder header = new StringBuilder(colors.bold(Labels.connection(timeline.key(), timeline.socket(),
                glyphs)));
        for (String part : new String[] {timeline.socket().socketApi(), timeline.thread(), recording}) {
            if (!part.isEmpty()) {
                header.append("  ").append(part);
            }
        }
        return header.toString();
    }

    private static String ending(ConnectionTimeline timeline, Instant first) {
        if (timeline.end().isEmpty()) {
            return "still open in " + timeline.finalState() + " when the recording ended, "
                    + Durations.millis(Duration.between(first, timeline.until())) + " after its first transition";
        }
        ConnectionEnd end = timeline.end().get();
        return "ended " + end.finalState() + " (" + end.endCause() + ") after " + Durations.millis(end.duration())
                + ", read " + end.bytesRead() + " B, wrote " + end.bytesWritten() + " B";
    }
}
