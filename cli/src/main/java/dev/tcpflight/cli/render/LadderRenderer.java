package dev.tcpflight.cli.render;

import dev.tcpflight.cli.analysis.Arrow;
import dev.tcpflight.cli.analysis.ConnectionPair;
import dev.tcpflight.cli.analysis.Ladder;
import dev.tcpflight.cli.analysis.LadderStep;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.Durations;
import dev.tcpflight.cli.recording.Transition;
import dev.tcpflight.cli.render.TextTable.Align;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Ladder diagrams: the connecting end on the left, the accepting end on the right, time flowing down, each end's
 * state changes in its column and the segments they imply as arrows between the columns.
 */
public record LadderRenderer(Glyphs glyphs, Colors colors) {

    private static final int ARROW_WIDTH = 24;
    private static final String NOT_RECORDED = "(not recorded)";

    public void render(List<ConnectionPair> pairs, PrintWriter out) {
        boolean severalRecordings = pairs.stream().flatMap(ConnectionPair::ends)
                .map(t -> t.key().recording()).distinct().count() > 1;
        // Columns: time, left state, arrow, right state, trigger, application frame and detail.
        TextTable table = new TextTable("", Align.RIGHT, Align.RIGHT, Align.LEFT, Align.LEFT, Align.LEFT,
                Align.LEFT);
        for (ConnectionPair pair : pairs) {
            table.text(colors.bold(header(pair, severalRecordings)));
            table.heading("", role(pair.left()), "", role(pair.right()), "", "");
            table.row("", initialState(pair.left()), "", initialState(pair.right()), "", "");
            Instant origin = pair.start();
            for (LadderStep step : Ladder.steps(pair)) {
                Transition change = step.leftChange() != null ? step.leftChange() : step.rightChange();
                table.row("+" + Durations.millis(Duration.between(origin, step.time())),
                        step.leftChange() == null ? "" : step.leftChange().toState(),
                        arrow(step.arrow()),
                        step.rightChange() == null ? "" : step.rightChange().toState(),
                        change == null ? "" : change.trigger(),
                        change == null ? "" : Stream.of(change.topFrame(), change.detail())
                                .filter(s -> !s.isEmpty()).collect(Collectors.joining("  ")));
            }
            table.text("");
        }
        List<String> lines = table.lines(colors::bold);
        lines.subList(0, Math.max(0, lines.size() - 1)).forEach(out::println); // no blank line after the last
        out.flush();
    }

    /** Both ends' ids and local endpoints; the recording(s) too when there are several. */
    private String header(ConnectionPair pair, boolean withRecording) {
        List<ConnectionTimeline> ends = pair.ends().toList();
        boolean oneRecording = ends.stream().map(t -> t.key().recording()).distinct().count() == 1;
        String recording = withRecording && oneRecording ? "  " + Labels.recording(ends.get(0).key()) : "";
        if (!pair.complete()) {
            return Labels.connection(ends.get(0).key(), ends.get(0).socket(), glyphs) + recording
                    + "  (the other end is not in the recordings)";
        }
        return ends.stream().map(end -> "#" + end.id() + " " + end.socket().role() + " " + end.socket().local()
                        + (withRecording && !oneRecording ? " " + Labels.recording(end.key()) : ""))
                .collect(Collectors.joining("  " + glyphs.bothWays() + "  ")) + recording;
    }

    private static String role(Optional<ConnectionTimeline> end) {
        return end.map(t -> t.socket().role()).orElse(NOT_RECORDED);
    }

    private static String initialState(Optional<ConnectionTimeline> end) {
        return end.filter(t -> !t.transitions().isEmpty()).map(t -> t.transitions().get(0).fromState()).orElse("");
    }

    /** {@code ──── SYN ────▶} or {@code ◀─── SYN+ACK ───}, all of the same width. */
    private String arrow(Arrow arrow) {
        if (arrow == null) {
            return "";
        }
        String label = " " + arrow.kind().label() + " ";
        int shaft = ARROW_WIDTH - 1 - label.length();
        String line = glyphs.line().repeat(shaft / 2) + label + glyphs.line().repeat(shaft - shaft / 2);
        return arrow.rightward() ? line + glyphs.rightHead() : glyphs.leftHead() + line;
    }
}
