package dev.tcpflight.agent.tracking;

import static dev.tcpflight.agent.tracking.Observation.*;
import static dev.tcpflight.schema.Source.API;
import static dev.tcpflight.schema.Source.INFERRED;
import static dev.tcpflight.schema.TcpState.*;

import dev.tcpflight.schema.Source;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.Trigger;
import java.util.ArrayList;
import java.util.List;

/**
 * Every transition the agent records comes from here. Given the current state and an observation of a JDK call,
 * the transitions that follow (none for an observation that means nothing in that state, such as a read after
 * close); and the one step for what the operating system showed: a state in its socket table, or a socket open
 * before the attach, first touched in the state the kernel listed it in. Pure and allocation-free: every answer
 * is precomputed.
 */
public final class TcpStateMachine {

    private static final List<List<List<Transition>>> TABLE = buildTable();
    /** [from][to]: the step to a state the kernel showed ({@link Source#KERNEL}) or implied on the way to it. */
    private static final Transition[][] KERNEL_SHOWN = kernelSteps(Source.KERNEL);
    private static final Transition[][] KERNEL_IMPLIED = kernelSteps(INFERRED);
    private static final Transition[] FIRST_SEEN = firstSeenSteps();

    private TcpStateMachine() {
    }

    /**
     * The step from {@code from} to a state {@code to} that the kernel's table showed, or that lies on the way
     * to it ({@code shown} false); null from CLOSED or to the same state. Which ways the table's states imply
     * is the kernel sampler's to work out: the kernel is right, whatever the JVM inferred before.
     */
    public static Transition kernel(TcpState from, TcpState to, boolean shown) {
        return (shown ? KERNEL_SHOWN : KERNEL_IMPLIED)[from.ordinal()][to.ordinal()];
    }

    /** The first step of a socket open before the attach, to the state the kernel listed; null for CLOSED. */
    public static Transition firstSeen(TcpState listed) {
        return FIRST_SEEN[listed.ordinal()];
    }

    private static Transition[][] kernelSteps(Source source) {
        Transition[][] steps = new Transition[TcpState.values().length][TcpState.values().length];
        for (TcpState from : TcpState.values()) {
            for (TcpState to : TcpState.values()) {
                if (from != CLOSED && from != to) {
                    steps[from.ordinal()][to.ordinal()] = new Transition(from, to, Trigger.KERNEL, source);
                }
            }
        }
        return steps;
    }

    private static Transition[] firstSeenSteps() {
        Transition[] steps = new Transition[TcpState.values().length];
        for (TcpState listed : TcpState.values()) {
            if (listed != CLOSED) {
                steps[listed.ordinal()] = new Transition(CLOSED, listed, Trigger.FIRST_SEEN, INFERRED);
            }
        }
        return steps;
    }

    /** The transitions, in order, that {@code observation} causes in state {@code current}; empty when none. */
    public static List<Transition> next(TcpState current, Observation observation) {
        return TABLE.get(current.ordinal()).get(observation.ordinal());
    }

    private static List<List<List<Transition>>> buildTable() {
        List<List<List<Transition>>> rows = new ArrayList<>();
        for (TcpState state : TcpState.values()) {
            List<List<Transition>> row = new ArrayList<>();
            for (Observation observation : Observation.values()) {
                row.add(List.copyOf(derive(state, observation)));
            }
            rows.add(List.copyOf(row));
        }
        return List.copyOf(rows);
    }

    private static List<Transition> derive(TcpState s, Observation o) {
        return switch (o) {
            case LISTENING -> s == CLOSED ? api(s, LISTEN, o) : none();
            case CONNECT_START -> s == CLOSED ? api(s, SYN_SENT, o) : none();
            case CONNECT_OK -> s == SYN_SENT ? api(s, ESTABLISHED, o) : none();
            case CONNECT_REFUSED, CONNECT_TIMEOUT, CONNECT_FAILED -> s == SYN_SENT ? api(s, CLOSED, o) : none();
            // The kernel completed the handshake before accept() returned: SYN_RECEIVED is implied, not seen.
            case ACCEPTED -> s == LISTEN
                    ? List.of(new Transition(LISTEN, SYN_RECEIVED, o.trigger(), INFERRED),
                              new Transition(SYN_RECEIVED, ESTABLISHED, o.trigger(), API))
                    : none();
            case READ_EOF -> switch (s) {
                case ESTABLISHED -> api(s, CLOSE_WAIT, o);
                // Our FIN went out first and the peer's FIN has now arrived: both directions are done.
                case FIN_WAIT_1, FIN_WAIT_2 -> List.of(new Transition(s, TIME_WAIT, o.trigger(), INFERRED));
                default -> none();
            };
            // Asked of the kernel (poll), not seen in a call: the FIN arrived at some time before it was found.
            case PEER_FIN_FOUND -> s == ESTABLISHED
                    ? List.of(new Transition(s, CLOSE_WAIT, o.trigger(), Source.KERNEL)) : none();
            // SHUT_RD sends nothing on the wire: no state change.
            case SHUTDOWN_INPUT -> none();
            case SHUTDOWN_OUTPUT, CLOSE -> switch (s) {
                case ESTABLISHED -> api(s, FIN_WAIT_1, o);
                case CLOSE_WAIT -> api(s, LAST_ACK, o);
                case LISTEN, SYN_SENT, SYN_RECEIVED -> o == CLOSE ? api(s, CLOSED, o) : none();
                default -> none();
            };
            case ABORTIVE_CLOSE -> switch (s) {
                case CLOSED -> none();
                // SO_LINGER 0 only aborts connections; a listener just stops listening.
                case LISTEN -> List.of(new Transition(s, CLOSED, CLOSE.trigger(), API));
                default -> api(s, CLOSED, o);
            };
            case RESET -> s == CLOSED || s == LISTEN ? none() : api(s, CLOSED, o);
        };
    }

    private static List<Transition> api(TcpState from, TcpState to, Observation o) {
        return List.of(new Transition(from, to, o.trigger(), API));
    }

    private static List<Transition> none() {
        return List.of();
    }
}
