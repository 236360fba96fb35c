package dev.tcpflight.cli.recording;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything recorded about one connection: its transitions in order and, once it ended, its end event.
 * Either may be missing when the recording started late or stopped early, but not both.
 */
public record ConnectionTimeline(ConnectionKey key, List<Transition> transitions, Optional<ConnectionEnd> end) {

    public static final Comparator<ConnectionTimeline> BY_START = Comparator.comparing(ConnectionTimeline::start)
            .thenComparing(t -> t.key().recording())
            .thenComparingLong(t -> t.key().connectionId());

    public ConnectionTimeline {
        transitions = transitions.stream().sorted(Transition.CHRONOLOGICAL).toList();
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
}
