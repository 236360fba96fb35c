package dev.tcpflight.cli.render;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.Durations;
import dev.tcpflight.cli.recording.StateSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A Gantt chart in SVG: one row per connection (class {@code row}), one bar per state in the state's colour,
 * on one time axis; each bar's {@code <title>} holds its details, which browsers show on hover.
 */
final class SvgGantt {

    private static final int LABEL_WIDTH = 380;
    private static final int PLOT_WIDTH = 860;
    private static final int ROW_HEIGHT = 20;
    private static final int AXIS_HEIGHT = 24;
    private static final int TICKS = 6;
    private static final long[] NICE = {1, 2, 5};

    private final Instant from;
    private final long totalNanos;
    private final StringBuilder svg = new StringBuilder();

    private SvgGantt(Instant from, Instant to) {
        this.from = from;
        this.totalNanos = Math.max(1, Duration.between(from, to).toNanos());
    }

    static String of(List<ConnectionTimeline> rows) {
        Instant from = rows.stream().map(ConnectionTimeline::start).min(Instant::compareTo).orElse(Instant.EPOCH);
        Instant to = rows.stream().map(ConnectionTimeline::until).max(Instant::compareTo).orElse(from);
        SvgGantt gantt = new SvgGantt(from, to);
        int height = AXIS_HEIGHT + rows.size() * ROW_HEIGHT + 4;
        gantt.svg.append(String.format(Locale.ROOT, "<svg class=\"gantt\" xmlns=\"http://www.w3.org/2000/svg\""
                + " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">%n", LABEL_WIDTH + PLOT_WIDTH + 10, height,
                LABEL_WIDTH + PLOT_WIDTH + 10, height));
        gantt.axis(height);
        for (int i = 0; i < rows.size(); i++) {
            gantt.row(rows.get(i), AXIS_HEIGHT + i * ROW_HEIGHT);
        }
        return gantt.svg.append("</svg>\n").toString();
    }

    /** Grid lines at round times (1, 2 or 5 times a power of ten), labelled at the top. */
    private void axis(int height) {
        long magnitude = 1;
        int nice = 0;
        while (NICE[nice] * magnitude * TICKS < totalNanos) {
            nice = (nice + 1) % NICE.length;
            magnitude *= nice == 0 ? 10 : 1;
        }
        long step = NICE[nice] * magnitude;
        for (long t = 0; t <= totalNanos; t += step) {
            double x = x(t);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>"
                    + "<text class=\"tick\" x=\"%.1f\" y=\"14\">%s</text>%n", x, AXIS_HEIGHT - 4, x, height, x,
                    Html.escape("+" + Durations.human(Duration.ofNanos(t)))));
        }
    }

    private void row(ConnectionTimeline connection, int y) {
        String label = Labels.connection(connection.key(), connection.socket(), Glyphs.UNICODE);
        svg.append(String.format(Locale.ROOT, "<g class=\"row\" data-connection=\"%d\">"
                + "<text class=\"label\" x=\"4\" y=\"%d\">%s</text>%n", connection.id(), y + 14, Html.escape(label)));
        List<StateSpan> spans = connection.spans();
        for (int i = 0; i < spans.size(); i++) {
            StateSpan span = spans.get(i);
            double x = x(Duration.between(from, span.from()).toNanos());
            double width = Math.max(1, x(Duration.between(from, span.to()).toNanos()) - x);
            boolean stillOpen = i == spans.size() - 1 && connection.openAtEnd();
            svg.append(String.format(Locale.ROOT, "  <rect class=\"span%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\""
                    + " height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n", stillOpen ? " open" : "", x, y + 3,
                    width, ROW_HEIGHT - 6, StateLook.of(span.state()).html(),
                    Html.escape(details(label, span, stillOpen))));
        }
        svg.append("</g>\n");
    }

    private String details(String label, StateSpan span, boolean stillOpen) {
        String detail = span.enteredBy().detail().isEmpty() ? "" : "\n" + span.enteredBy().detail();
        String frame = span.enteredBy().topFrame().isEmpty() ? "" : " at " + span.enteredBy().topFrame();
        return label + "\n" + span.state() + " for " + Durations.human(span.duration())
                + (stillOpen ? " (still open when the recording ended)" : "")
                + ", from +" + Durations.human(Duration.between(from, span.from()))
                + "\nentered by " + span.enteredBy().trigger() + " (" + span.enteredBy().source() + ")" + frame
                + detail;
    }

    private double x(long nanos) {
        return LABEL_WIDTH + PLOT_WIDTH * (double) nanos / totalNanos;
    }
}
