package dev.tcpflight.agent.kernel;

import static dev.tcpflight.schema.TcpState.*;

import dev.tcpflight.agent.tracking.TcpStateMachine;
import dev.tcpflight.agent.tracking.Transition;
import dev.tcpflight.schema.Source;
import dev.tcpflight.schema.TcpState;
import java.util.ArrayList;
import java.util.List;

/**
 * What one new look at the kernel's table means for a followed socket: given the state last reported for it
 * and the state the table shows now, the transitions to report. Polling sees states, not segments, so a short
 * state can fall between two looks; the rules, in the order they apply:
 * <ol>
 * <li><b>unchanged</b>: nothing.
 * <li><b>vanished</b> (absent from the table: CLOSED): one {@code kernel} step straight to CLOSED, and the
 *     follow ends. Nothing is filled in: a socket that leaves FIN_WAIT_1, FIN_WAIT_2 or CLOSING without ever
 *     being seen in TIME_WAIT (which lasts 60 s) was reset or reaped as an orphan, not closed in order.
 * <li><b>reused</b>: the table, having once confirmed the socket's state, now shows an earlier stage of a
 *     connection (SYN_SENT, SYN_RECEIVED, ESTABLISHED): the 4-tuple belongs to a new connection (Linux reuses a
 *     loopback TIME_WAIT tuple after 1 s), so the followed one is gone: an {@code inferred} step to CLOSED, and
 *     the follow ends.
 * <li><b>ahead</b>: the state diagram leads from the last state to the seen one: the states in between are
 *     {@code inferred}, the seen one is {@code kernel}. From FIN_WAIT_1 to TIME_WAIT the way is through
 *     FIN_WAIT_2 (our FIN was acknowledged, then the peer's FIN came), unless the peer end of the same
 *     connection is itself in CLOSING or TIME_WAIT: only a simultaneous close puts both ends in TIME_WAIT,
 *     and then the way is through CLOSING.
 * <li><b>behind</b>: the table shows a state that leads to the one last reported (the JVM inferred TIME_WAIT
 *     from a read of -1 while the kernel is still in CLOSING), or, before any look has confirmed the socket's
 *     state, a state that the application's close has yet to end (ESTABLISHED, CLOSE_WAIT: the follow came
 *     as close() started, before the JDK's close reached the kernel): nothing yet, the kernel will catch up.
 * <li><b>corrected</b>: no way either way (the JVM said FIN_WAIT_1 because the application closed without
 *     reading the peer's FIN, and the kernel says LAST_ACK): the kernel is right; one {@code kernel} step from
 *     the last state to the seen one.
 * </ol>
 * Pure; the sampler calls it only when the seen state differs from the last one.
 */
final class KernelPaths {

    /**
     * The outcome of one look.
     *
     * @param steps  transitions to report, in order (empty when nothing is reported)
     * @param state  the socket's state after them: the next look compares against it
     * @param ended  the socket is gone: stop following it
     */
    record Step(List<Transition> steps, TcpState state, boolean ended) {
    }

    private static final TcpState[][] NEXT = new TcpState[TcpState.values().length][];

    static {
        for (TcpState s : TcpState.values()) {
            NEXT[s.ordinal()] = new TcpState[0];
        }
        // RFC 793's diagram from the first SYN on; the way to CLOSED is rule 2's
        NEXT[SYN_SENT.ordinal()] = new TcpState[] {ESTABLISHED, SYN_RECEIVED};
        NEXT[SYN_RECEIVED.ordinal()] = new TcpState[] {ESTABLISHED, FIN_WAIT_1};
        NEXT[ESTABLISHED.ordinal()] = new TcpState[] {FIN_WAIT_1, CLOSE_WAIT};
        NEXT[FIN_WAIT_1.ordinal()] = new TcpState[] {FIN_WAIT_2, CLOSING};
        NEXT[FIN_WAIT_2.ordinal()] = new TcpState[] {TIME_WAIT};
        NEXT[CLOSING.ordinal()] = new TcpState[] {TIME_WAIT};
        NEXT[CLOSE_WAIT.ordinal()] = new TcpState[] {LAST_ACK};
    }

    private KernelPaths() {
    }

    /**
     * @param last               the state last reported for the socket (at first, the JVM's last state)
     * @param seen               the state in the table now; CLOSED when the tuple is not listed
     * @param confirmed          an earlier look showed the socket in the state last reported (or it was
     *                           reported from a look): the tuple's row is known to be this socket's
     * @param peerClosedActively the other end of the connection is listed in CLOSING or TIME_WAIT
     */
    static Step next(TcpState last, TcpState seen, boolean confirmed, boolean peerClosedActively) {
        if (seen == last) {
            return new Step(List.of(), last, false);
        }
        if (seen == CLOSED) {
            return new Step(List.of(step(last, CLOSED, Source.KERNEL)), CLOSED, true);
        }
        if (confirmed && stage(seen) < stage(last)) {
            return new Step(List.of(step(last, CLOSED, Source.INFERRED)), CLOSED, true);
        }
        List<TcpState> path = path(last, seen, peerClosedActively);
        if (path != null) {
            List<Transition> steps = new ArrayList<>(path.size() - 1);
            for (int i = 1; i < path.size(); i++) {
                steps.add(step(path.get(i - 1), path.get(i),
                        i == path.size() - 1 ? Source.KERNEL : Source.INFERRED));
            }
            return new Step(List.copyOf(steps), seen, false);
        }
        if (path(seen, last, peerClosedActively) != null || (!confirmed && awaitsClose(seen))) {
            return new Step(List.of(), last, false);
        }
        return new Step(List.of(step(last, seen, Source.KERNEL)), seen, false);
    }

    /** A state that only the application's close (or a reset) can end on this side. */
    private static boolean awaitsClose(TcpState state) {
        return state == SYN_SENT || state == SYN_RECEIVED || state == ESTABLISHED || state == CLOSE_WAIT;
    }

    /** How far a connection has got: opening, open, closing. */
    private static int stage(TcpState state) {
        return switch (state) {
            case CLOSED, LISTEN -> 0;
            case SYN_SENT, SYN_RECEIVED -> 1;
            case ESTABLISHED -> 2;
            default -> 3;
        };
    }

    /** The shortest way through the diagram, both ends included; null when there is none. */
    private static List<TcpState> path(TcpState from, TcpState to, boolean throughClosing) {
        TcpState[] previous = new TcpState[TcpState.values().length];
        boolean[] visited = new boolean[TcpState.values().length];
        ArrayList<TcpState> queue = new ArrayList<>();
        queue.add(from);
        visited[from.ordinal()] = true;
        for (int head = 0; head < queue.size(); head++) {
            TcpState at = queue.get(head);
            if (at == to) {
                ArrayList<TcpState> path = new ArrayList<>();
                for (TcpState s = to; s != null; s = s == from ? null : previous[s.ordinal()]) {
                    path.add(0, s);
                }
                return path;
            }
            TcpState[] next = NEXT[at.ordinal()];
            for (int i = 0; i < next.length; i++) {
                // FIN_WAIT_1's two ways lead to TIME_WAIT in the same number of steps: the first one wins
                TcpState n = at == FIN_WAIT_1 && throughClosing ? next[next.length - 1 - i] : next[i];
                if (!visited[n.ordinal()]) {
                    visited[n.ordinal()] = true;
                    previous[n.ordinal()] = at;
                    queue.add(n);
                }
            }
        }
        return null;
    }

    private static Transition step(TcpState from, TcpState to, Source source) {
        return TcpStateMachine.kernel(from, to, source == Source.KERNEL);
    }
}
