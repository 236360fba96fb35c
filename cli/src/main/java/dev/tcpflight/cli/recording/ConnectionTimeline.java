package dev.tcpflight.cli.recording;

import dev.tcpflight.schema.TcpState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything recorded about one connection: its transitions in order and, once it ended, its end event.
 * Either may be missing when the recording started late or stopped early, but not both.
 *
 * @param until when the connection was last known: the end of its Connection event, or when the kernel reported
 *              it CLOSED after that, or the end of the recording for one still open (to the JVM or the kernel)
 */
public record ConnectionTimeline(ConnectionKey key, List<Transition> transitions, Optional<ConnectionEnd> end,
                                 Instant until) {

    public static final Comparator<ConnectionTimeline> BY_START = Comparator.comparing(ConnectionTimeline::start)
            .thenComparing(t -> t.key().recording())
            .thenComparingLong(t -> t.key().connectionId());

    public ConnectionTimeline {
        Transition[] ordered = transitions.toArray(Transition[]::new);
        Arrays.sort(ordered, Transition.CHRONOLOGICAL);
        transitions = List.of(ordered);
        if (transitions.isEmpty() && end.isEmpty()) {
            throw new IllegalArgumentException("connection " + key + " has neither transitions nor an end");
        }
    }

    public long id() {
        return key.connectionId();
    }

    /**
     * The end event's view when there is one, else the latest transition's: a client's local port is only
     * known once its connect has started, so early transitions may lack it.
     */
    public SocketInfo socket() {
        return end.map(ConnectionEnd::socket).orElseGet(() -> transitions.get(transitions.size() - 1).socket());
    }

    /** The thread that made the first transition (usually the one that opened the socket), or "". */
    public String thread() {
        return transitions.isEmpty() ? "" : transitions.get(0).thread();
    }

    public Instant start() {
        return transitions.isEmpty() ? end.orElseThrow().start() : transitions.get(0).time();
    }

    /** No Connection event: the socket was still open when the recording ended. */
    public boolean openAtEnd() {
        return end.isEmpty();
    }

    /** The last state recorded: the last transition's (the kernel may report some after the JVM's end). */
    public String finalState() {
        return transitions.isEmpty() ? end.orElseThrow().finalState()
                : transitions.get(transitions.size() - 1).toState();
    }

    public boolean wasEverIn(String state) {
        return finalState().equals(state) || transitions.stream().anyMatch(t -> t.toState().equals(state));
    }

    /**
     * The time spent in each state, from the transition into it to the next one (or to {@link #until()}).
     * CLOSED is where a socket ends, not a state it spends time in, so it has no span.
     */
    public List<StateSpan> spans() {
        List<StateSpan> spans = new ArrayList<>();
        for (int i = 0; i < transitions.size(); i++) {
            Transition entered = transitions.get(i);
            Instant to = i + 1 < transitions.size() ? transitions.get(i + 1).time() : until;
            if (!entered.toState().equals(TcpState.CLOSED.name())) {
                // Clocks of two events may disagree by a tick: never a negative duration.
                spans.add(new StateSpan(entered.toState(), entered.time(),
                        to.isBefore(entered.time()) ? entered.time() : to, entered));
            }
        }
        return spans;
    }
}
