package dev.tcpflight.agent.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.schema.TcpState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every (state, observation) pair: the rows below are the DESIGN.md table written out by hand; every pair not
 * listed must produce no transition (a read after close, a second close, a connect on a listener...).
 */
class TcpStateMachineTest {

    /** "STATE OBSERVATION" -> "FROM>TO:trigger:source" steps, in order. */
    private static final Map<String, String> EXPECTED = new HashMap<>();

    static {
        row("CLOSED LISTENING", "CLOSED>LISTEN:listen:api");
        row("CLOSED CONNECT_START", "CLOSED>SYN_SENT:connect:api");
        row("SYN_SENT CONNECT_OK", "SYN_SENT>ESTABLISHED:connect:api");
        row("SYN_SENT CONNECT_REFUSED", "SYN_SENT>CLOSED:connect-refused:api");
        row("SYN_SENT CONNECT_TIMEOUT", "SYN_SENT>CLOSED:connect-timeout:api");
        row("SYN_SENT CONNECT_FAILED", "SYN_SENT>CLOSED:connect-failed:api");
        row("LISTEN ACCEPTED", "LISTEN>SYN_RECEIVED:accept:inferred", "SYN_RECEIVED>ESTABLISHED:accept:api");
        row("ESTABLISHED READ_EOF", "ESTABLISHED>CLOSE_WAIT:read-eof:api");
        row("FIN_WAIT_1 READ_EOF", "FIN_WAIT_1>TIME_WAIT:read-eof:inferred");
        row("FIN_WAIT_2 READ_EOF", "FIN_WAIT_2>TIME_WAIT:read-eof:inferred");
        row("ESTABLISHED PEER_FIN_FOUND", "ESTABLISHED>CLOSE_WAIT:fin-found:kernel");
        row("ESTABLISHED SHUTDOWN_OUTPUT", "ESTABLISHED>FIN_WAIT_1:shutdown-output:api");
        row("CLOSE_WAIT SHUTDOWN_OUTPUT", "CLOSE_WAIT>LAST_ACK:shutdown-output:api");
        row("ESTABLISHED CLOSE", "ESTABLISHED>FIN_WAIT_1:close:api");
        row("CLOSE_WAIT CLOSE", "CLOSE_WAIT>LAST_ACK:close:api");
        row("LISTEN CLOSE", "LISTEN>CLOSED:close:api");
        row("SYN_SENT CLOSE", "SYN_SENT>CLOSED:close:api");
        row("SYN_RECEIVED CLOSE", "SYN_RECEIVED>CLOSED:close:api");
        row("LISTEN ABORTIVE_CLOSE", "LISTEN>CLOSED:close:api");
        for (String s : List.of("SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2",
                "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT")) {
            row(s + " ABORTIVE_CLOSE", s + ">CLOSED:abortive-close:api");
            row(s + " RESET", s + ">CLOSED:reset:api");
        }
    }

    private static void row(String stateAndObservation, String... steps) {
        EXPECTED.put(stateAndObservation, String.join(", ", steps));
    }

    @Test
    void everyStateAndObservationGivesExactlyTheDesignedTransitions() {
        int checked = 0;
        for (TcpState state : TcpState.values()) {
            for (Observation observation : Observation.values()) {
                String key = state + " " + observation;
                String actual = TcpStateMachine.next(state, observation).stream()
                        .map(t -> t.from() + ">" + t.to() + ":" + t.trigger().label() + ":" + t.source().label())
                        .collect(Collectors.joining(", "));
                assertEquals(EXPECTED.getOrDefault(key, ""), actual, key);
                checked++;
            }
        }
        assertEquals(TcpState.values().length * Observation.values().length, checked);
    }

    @Test
    void stepsStartAtTheCurrentStateAndChain() {
        for (TcpState state : TcpState.values()) {
            for (Observation observation : Observation.values()) {
                TcpState at = state;
                for (Transition step : TcpStateMachine.next(state, observation)) {
                    assertEquals(at, step.from(), state + " " + observation);
                    assertTrue(step.from() != step.to(), "no self-transition: " + step);
                    at = step.to();
                }
            }
        }
    }

    /** The tracker records one event for a call's steps: never more than two, and the two share a trigger. */
    @Test
    void oneObservationMakesAtMostTwoStepsWithOneTrigger() {
        for (TcpState state : TcpState.values()) {
            for (Observation observation : Observation.values()) {
                List<Transition> steps = TcpStateMachine.next(state, observation);
                assertTrue(steps.size() <= 2, state + " " + observation + ": " + steps);
                assertTrue(steps.stream().map(Transition::trigger).distinct().count() <= 1, steps.toString());
            }
        }
    }

    @Test
    void unexpectedObservationsChangeNothing() {
        assertEquals(List.of(), TcpStateMachine.next(TcpState.CLOSED, Observation.READ_EOF), "read after close");
        assertEquals(List.of(), TcpStateMachine.next(TcpState.CLOSED, Observation.CLOSE), "second close");
        assertEquals(List.of(), TcpStateMachine.next(TcpState.CLOSE_WAIT, Observation.READ_EOF), "EOF replayed");
        assertEquals(List.of(), TcpStateMachine.next(TcpState.ESTABLISHED, Observation.CONNECT_START));
        assertEquals(List.of(), TcpStateMachine.next(TcpState.LISTEN, Observation.RESET));
        assertEquals(List.of(), TcpStateMachine.next(TcpState.ESTABLISHED, Observation.SHUTDOWN_INPUT));
    }

    @Test
    void answersAreSharedNotAllocated() {
        assertSame(TcpStateMachine.next(TcpState.ESTABLISHED, Observation.CLOSE),
                TcpStateMachine.next(TcpState.ESTABLISHED, Observation.CLOSE));
    }

    @Test
    void theKernelIsRightFromAnyStateButClosed() {
        for (TcpState from : TcpState.values()) {
            for (TcpState to : TcpState.values()) {
                for (boolean shown : new boolean[] {true, false}) {
                    Transition step = TcpStateMachine.kernel(from, to, shown);
                    if (from == TcpState.CLOSED || from == to) {
                        assertNull(step, from + ">" + to);
                        continue;
                    }
                    assertEquals(from + ">" + to + ":kernel:" + (shown ? "kernel" : "inferred"), step.from() + ">"
                            + step.to() + ":" + step.trigger().label() + ":" + step.source().label());
                    assertSame(step, TcpStateMachine.kernel(from, to, shown), "shared, not allocated");
                }
            }
        }
    }

    @Test
    void aSocketOpenBeforeTheAttachStartsInTheStateTheKernelListed() {
        for (TcpState listed : TcpState.values()) {
            Transition step = TcpStateMachine.firstSeen(listed);
            if (listed == TcpState.CLOSED) {
                assertNull(step);
            } else {
                assertEquals("CLOSED>" + listed + ":first-seen:inferred", step.from() + ">" + step.to() + ":"
                        + step.trigger().label() + ":" + step.source().label());
            }
        }
    }
}
