package dev.tcpflight.cli.render;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.Durations;
import dev.tcpflight.cli.recording.StateSpan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Each connection's states as a bar of characters on one time axis for all connections shown, so that both
 * when they lived and how long they spent in each state can be seen at a glance. A column shows the state that
 * filled most of its time; a state shorter than a column still shows where it started if nothing else does.
 */
final class Lanes {

    static final int WIDTH = 60;

    private final Instant from;
    private final long totalNanos;

    Lanes(Instant from, Instant to) {
        this.from = from;
        this.totalNanos = Math.max(WIDTH, Duration.between(from, to).toNanos());
    }

    String lane(ConnectionTimeline timeline, Colors colors) {
        StateSpan[] columns = new StateSpan[WIDTH];
        long[] filled = new long[WIDTH];
        List<StateSpan> spans = timeline.spans();
        for (StateSpan span : spans) {
            long start = nanos(span.from());
            long end = nanos(span.to());
            for (int c = column(start); c <= column(end); c++) {
                long overlap = Math.min(end, boundary(c + 1)) - Math.max(start, boundary(c));
                if (overlap > filled[c]) {
                    filled[c] = overlap;
                    columns[c] = span;
                }
            }
        }
        for (StateSpan span : spans) {
            int c = column(nanos(span.from()));
            columns[c] = columns[c] == null ? span : columns[c];
        }
        return "|" + paint(columns, colors) + "|";
    }

    /** Runs of one state painted together: one colour escape per run, not per character. */
    private static String paint(StateSpan[] columns, Colors colors) {
        StringBuilder lane = new StringBuilder();
        for (int start = 0, end; start < columns.length; start = end) {
            String state = columns[start] == null ? null : columns[start].state();
            end = start + 1;
            while (end < columns.length && Objects.equals(state, columns[end] == null ? null : columns[end].state())) {
                end++;
            }
            lane.append(state == null ? " ".repeat(end - start) : symbols(state, end - start, colors));
        }
        return lane.toString();
    }

    /** The axis and each drawn state's character, for {@code states}: those the connections shown were in. */
    List<String> legend(Set<String> states, Colors colors) {
        String scale = "lanes: " + WIDTH + " columns of " + Durations.millis(Duration.ofNanos(totalNanos / WIDTH))
                + " from the first transition shown";
        String symbols = states.stream().sorted((a, b) -> StateLook.of(a).compareTo(StateLook.of(b)))
                .map(state -> symbols(state, 1, colors) + " " + state)
                .collect(Collectors.joining("  "));
        return List.of(scale, "  " + symbols);
    }

    private static String symbols(String state, int count, Colors colors) {
        StateLook look = StateLook.of(state);
        return colors.paint(String.valueOf(look.symbol()).repeat(count), look.terminal());
    }

    private long nanos(Instant time) {
        return Duration.between(from, time).toNanos();
    }

    /** Where column {@code c} starts, in nanoseconds from the axis's start (exact: no rounding adds up). */
    private long boundary(int c) {
        return c * (totalNanos / WIDTH) + c * (totalNanos % WIDTH) / WIDTH;
    }

    private int column(long nanos) {
        return (int) Math.max(0, Math.min(WIDTH - 1, (double) nanos * WIDTH / totalNanos));
    }
}
