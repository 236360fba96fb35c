package dev.tcpflight.cli.render;

import dev.tcpflight.cli.jvm.LiveEvents;
import dev.tcpflight.cli.jvm.LiveTransition;
import dev.tcpflight.cli.jvm.SocketCounts;
import dev.tcpflight.cli.render.TextTable.Align;
import dev.tcpflight.schema.TcpState;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/** What {@code tcpflight watch} shows: a line per transition, or a view redrawn in place on a terminal. */
public interface WatchDisplay extends LiveEvents.Listener {

    /** After the last event: leaves the output tidy (cursor shown, last view kept). */
    void end();

    /**
     * {@code 21:41:16.231  #12  client  127.0.0.1:41368 → 127.0.0.1:45041  CLOSED → SYN_SENT  connect  api}:
     * local time, connection id, role, endpoints, states, trigger and source.
     */
    static String line(LiveTransition transition, Glyphs glyphs, ZoneId zone) {
        String arrow = " " + glyphs.arrow() + " ";
        return Live.TRANSITION_CLOCK.format(transition.time().atZone(zone)) + "  #" + transition.connectionId()
                + "  " + transition.role() + "  " + transition.local() + arrow + transition.remote() + "  "
                + transition.fromState() + arrow + transition.toState() + "  " + transition.trigger() + "  "
                + transition.source();
    }

    /** One line per transition, flushed at once: for pipes and logs. */
    static WatchDisplay plain(PrintWriter out, Glyphs glyphs, ZoneId zone) {
        return new WatchDisplay() {
            @Override
            public void flushed(List<LiveTransition> transitions) {
                for (LiveTransition transition : transitions) {
                    out.println(line(transition, glyphs, zone));
                }
                if (!transitions.isEmpty()) {
                    out.flush();
                }
            }

            @Override
            public void counts(SocketCounts counts) {
                // The lines are the transitions only: easy to grep and to cut.
            }

            @Override
            public void end() {
                out.flush();
            }
        };
    }

    /**
     * The sockets per state (the agent's {@code tcpflight.SocketStates}, every second), the transition rate
     * and the latest transitions, redrawn in place with ANSI cursor movements after each flush.
     */
    final class Live implements WatchDisplay {

        static final int RECENT = 12;
        private static final String CURSOR_UP_LINES = "\u001b[%dF";
        private static final String ERASE_BELOW = "\u001b[J";
        private static final String HIDE_CURSOR = "\u001b[?25l";
        private static final String SHOW_CURSOR = "\u001b[?25h";
        private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
        private static final DateTimeFormatter TRANSITION_CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

        private final PrintWriter out;
        private final Glyphs glyphs;
        private final Colors colors;
        private final String title;
        private final int width;
        private final Clock clock;
        private final Deque<String> recent = new ArrayDeque<>();
        private SocketCounts counts;
        private long transitions;
        private long lastFlushTransitions;
        private int linesDrawn;

        public Live(PrintWriter out, Glyphs glyphs, Colors colors, String title, int width, Clock clock) {
            this.out = out;
            this.glyphs = glyphs;
            this.colors = colors;
            this.title = title;
            this.width = Math.max(40, width);
            this.clock = clock;
            out.print(HIDE_CURSOR);
            draw();
        }

        @Override
        public void flushed(List<LiveTransition> batch) {
            transitions += batch.size();
            lastFlushTransitions = batch.size();
            for (LiveTransition transition : batch) {
                recent.addLast(line(transition, glyphs, clock.getZone()));
                if (recent.size() > RECENT) {
                    recent.removeFirst();
                }
            }
            draw();
        }

        @Override
        public void counts(SocketCounts latest) {
            counts = latest;
        }

        @Override
        public void end() {
            out.print(SHOW_CURSOR);
            out.flush();
        }

        private void draw() {
            List<String> lines = frame();
            StringBuilder screen = new StringBuilder();
            if (linesDrawn > 0) {
                screen.append(String.format(Locale.ROOT, CURSOR_UP_LINES, linesDrawn)).append(ERASE_BELOW);
            }
            for (int i = 0; i < lines.size(); i++) {
                String line = fit(lines.get(i));
                screen.append(i == 0 ? colors.bold(line) : line).append(System.lineSeparator());
            }
            out.print(screen);
            out.flush();
            linesDrawn = lines.size();
        }

        /** The lines of one view, without colour. */
        List<String> frame() {
            List<String> lines = new ArrayList<>();
            lines.add(title + "  " + CLOCK.format(clock.instant().atZone(clock.getZone())) + "  (Ctrl-C to stop)");
            lines.add("");
            TextTable table = new TextTable("  ", Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.RIGHT,
                    Align.RIGHT, Align.RIGHT, Align.RIGHT, Align.RIGHT);
            table.heading("open sockets", TcpState.LISTEN.name(), TcpState.SYN_SENT.name(),
                    TcpState.ESTABLISHED.name(), TcpState.FIN_WAIT_1.name(), TcpState.CLOSE_WAIT.name(),
                    TcpState.LAST_ACK.name(), "other");
            if (counts == null) {
                table.row("-", "-", "-", "-", "-", "-", "-", "-");
            } else {
                table.row(n(counts.tracked()), n(counts.listen()), n(counts.synSent()), n(counts.established()),
                        n(counts.finWait1()), n(counts.closeWait()), n(counts.lastAck()), n(counts.other()));
            }
            lines.addAll(table.lines(line -> line));
            lines.add("");
            lines.add(String.format(Locale.ROOT, "  %,d transitions since the start, %,d in the last second%s",
                    transitions, lastFlushTransitions, counts != null && counts.agentErrors() > 0
                            ? String.format(Locale.ROOT, "; agent errors: %,d (please report)", counts.agentErrors())
                            : ""));
            lines.add("");
            if (recent.isEmpty()) {
                lines.add("  (no transition yet)");
            }
            recent.forEach(line -> lines.add("  " + line));
            return lines;
        }

        /** Cut to the terminal's width: a wrapped line would throw the cursor arithmetic off. */
        private String fit(String line) {
            return line.length() < width ? line : line.substring(0, width - 1);
        }

        private static String n(long count) {
            return String.format(Locale.ROOT, "%,d", count);
        }
    }
}
