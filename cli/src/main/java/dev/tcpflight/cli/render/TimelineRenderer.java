package dev.tcpflight.cli.render;

import dev.tcpflight.cli.recording.ConnectionEnd;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.Durations;
import dev.tcpflight.cli.recording.Transition;
import dev.tcpflight.cli.render.TextTable.Align;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Plain text: the lanes' legend, then per connection a header line, its lane, one aligned row per transition
 * (time since the connection's first transition, FROM → TO, trigger, source, application frame, detail) and how
 * it ended.
 */
public record TimelineRenderer(Glyphs glyphs, Colors colors) {

    private static final String INDENT = "  ";

    public void render(List<ConnectionTimeline> timelines, PrintWriter out) {
        if (timelines.isEmpty()) {
            return;
        }
        boolean severalRecordings = timelines.stream().map(t -> t.key().recording()).distinct().count() > 1;
        Lanes lanes = Lanes.of(timelines);
        lanes.legend(timelines, colors).forEach(out::println);
        // One table for all connections, so that their columns line up.
        TextTable table = new TextTable(INDENT, Align.RIGHT, Align.LEFT, Align.LEFT, Align.LEFT, Align.LEFT,
                Align.LEFT);
        for (ConnectionTimeline timeline : timelines) {
            table.text("").text(header(timeline, severalRecordings)).text(INDENT + lanes.lane(timeline, colors));
            Instant first = timeline.transitions().isEmpty() ? timeline.start() : timeline.transitions().get(0).time();
            for (Transition t : timeline.transitions()) {
                table.row("+" + Durations.millis(Duration.between(first, t.time())),
                        t.fromState() + " " + glyphs.arrow() + " " + t.toState(),
                        t.trigger(), t.source(), t.topFrame(), t.detail());
            }
            table.text(INDENT + ending(timeline, first));
        }
        table.lines(colors::bold).forEach(out::println);
        out.flush();
    }

    private String header(ConnectionTimeline timeline, boolean withRecording) {
        String recording = withRecording ? Labels.recording(timeline.key()) : "";
        return Stream.of(colors.bold(Labels.connection(timeline.key(), timeline.socket(), glyphs)),
                        timeline.socket().socketApi(), timeline.thread(), recording)
                .filter(part -> !part.isEmpty())
                .collect(Collectors.joining("  "));
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
