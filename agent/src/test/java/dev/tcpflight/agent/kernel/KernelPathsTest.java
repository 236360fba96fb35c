package dev.tcpflight.agent.kernel;

import static dev.tcpflight.schema.TcpState.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.Trigger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One test per rule of {@link KernelPaths}, in its order. */
class KernelPathsTest {

    /** "FROM>TO:source, ..." then "=> STATE" and "(ended)" when the follow ends. */
    private static String next(TcpState last, TcpState seen, boolean peerClosedActively) {
        return next(last, seen, true, peerClosedActively);
    }

    private static String next(TcpState last, TcpState seen, boolean confirmed, boolean peerClosedActively) {
        KernelPaths.Step step = KernelPaths.next(last, seen, confirmed, peerClosedActively);
        String steps = step.steps().stream()
                .peek(t -> assertEquals(Trigger.KERNEL, t.trigger()))
                .map(t -> t.from() + ">" + t.to() + ":" + t.source().label())
                .collect(Collectors.joining(", "));
        return (steps.isEmpty() ? "none" : steps) + " => " + step.state() + (step.ended() ? " (ended)" : "");
    }

    private static String next(TcpState last, TcpState seen) {
        return next(last, seen, false);
    }

    @Test
    void unchangedReportsNothing() {
        for (TcpState state : TcpState.values()) {
            assertEquals("none => " + state, next(state, state));
            assertEquals("none => " + state, next(state, state, false, false));
        }
    }

    @Test
    void observedStepsAlongTheDiagramAreKernel() {
        assertEquals("FIN_WAIT_1>FIN_WAIT_2:kernel => FIN_WAIT_2", next(FIN_WAIT_1, FIN_WAIT_2));
        assertEquals("FIN_WAIT_1>CLOSING:kernel => CLOSING", next(FIN_WAIT_1, CLOSING));
        assertEquals("FIN_WAIT_2>TIME_WAIT:kernel => TIME_WAIT", next(FIN_WAIT_2, TIME_WAIT));
        assertEquals("CLOSING>TIME_WAIT:kernel => TIME_WAIT", next(CLOSING, TIME_WAIT));
        assertEquals("CLOSE_WAIT>LAST_ACK:kernel => LAST_ACK", next(CLOSE_WAIT, LAST_ACK));
        assertEquals("ESTABLISHED>FIN_WAIT_1:kernel => FIN_WAIT_1", next(ESTABLISHED, FIN_WAIT_1));
    }

    @Test
    void vanishedIsClosedDirectlyAndEnds() {
        assertEquals("TIME_WAIT>CLOSED:kernel => CLOSED (ended)", next(TIME_WAIT, CLOSED));
        assertEquals("LAST_ACK>CLOSED:kernel => CLOSED (ended)", next(LAST_ACK, CLOSED));
    }

    @Test
    void vanishedFromFinWaitOrClosingWithoutTimeWaitIsAResetOrReapedOrphanNotFilledIn() {
        for (TcpState state : new TcpState[] {FIN_WAIT_1, FIN_WAIT_2, CLOSING}) {
            assertEquals(state + ">CLOSED:kernel => CLOSED (ended)", next(state, CLOSED));
            assertEquals(state + ">CLOSED:kernel => CLOSED (ended)", next(state, CLOSED, true));
        }
        assertEquals("ESTABLISHED>CLOSED:kernel => CLOSED (ended)", next(ESTABLISHED, CLOSED));
        assertEquals("CLOSE_WAIT>CLOSED:kernel => CLOSED (ended)", next(CLOSE_WAIT, CLOSED));
    }

    @Test
    void finWait1ThenTimeWaitWentThroughFinWait2() {
        assertEquals("FIN_WAIT_1>FIN_WAIT_2:inferred, FIN_WAIT_2>TIME_WAIT:kernel => TIME_WAIT",
                next(FIN_WAIT_1, TIME_WAIT, false));
    }

    @Test
    void finWait1ThenTimeWaitWentThroughClosingWhenThePeerEndClosedActivelyToo() {
        assertEquals("FIN_WAIT_1>CLOSING:inferred, CLOSING>TIME_WAIT:kernel => TIME_WAIT",
                next(FIN_WAIT_1, TIME_WAIT, true));
    }

    @Test
    void longerGapsAreFilledAlongTheDiagram() {
        assertEquals("ESTABLISHED>FIN_WAIT_1:inferred, FIN_WAIT_1>FIN_WAIT_2:kernel => FIN_WAIT_2",
                next(ESTABLISHED, FIN_WAIT_2));
        assertEquals("ESTABLISHED>FIN_WAIT_1:inferred, FIN_WAIT_1>FIN_WAIT_2:inferred,"
                + " FIN_WAIT_2>TIME_WAIT:kernel => TIME_WAIT", next(ESTABLISHED, TIME_WAIT));
        assertEquals("ESTABLISHED>FIN_WAIT_1:inferred, FIN_WAIT_1>CLOSING:inferred,"
                + " CLOSING>TIME_WAIT:kernel => TIME_WAIT", next(ESTABLISHED, TIME_WAIT, true));
        assertEquals("ESTABLISHED>CLOSE_WAIT:inferred, CLOSE_WAIT>LAST_ACK:kernel => LAST_ACK",
                next(ESTABLISHED, LAST_ACK));
        assertEquals("SYN_SENT>ESTABLISHED:inferred, ESTABLISHED>FIN_WAIT_1:kernel => FIN_WAIT_1",
                next(SYN_SENT, FIN_WAIT_1));
    }

    @Test
    void anEarlierStageOfAConnectionMeansTheTupleWasReusedByANewSocket() {
        for (TcpState last : new TcpState[] {FIN_WAIT_1, FIN_WAIT_2, CLOSING, TIME_WAIT, CLOSE_WAIT, LAST_ACK}) {
            for (TcpState seen : new TcpState[] {SYN_SENT, SYN_RECEIVED, ESTABLISHED}) {
                assertEquals(last + ">CLOSED:inferred => CLOSED (ended)", next(last, seen), last + " " + seen);
            }
        }
        assertEquals("ESTABLISHED>CLOSED:inferred => CLOSED (ended)", next(ESTABLISHED, SYN_SENT));
    }

    @Test
    void anEarlierStageBeforeAnyConfirmedStateIsACloseNotYetInTheKernel() {
        // follow() ran as close() started: the first look may come before the kernel closed the socket
        assertEquals("none => FIN_WAIT_1", next(FIN_WAIT_1, ESTABLISHED, false, false));
        assertEquals("none => LAST_ACK", next(LAST_ACK, CLOSE_WAIT, false, false));
        // the peer's FIN came unread, the application closed: CLOSE_WAIT until the kernel has the close too
        assertEquals("none => FIN_WAIT_1", next(FIN_WAIT_1, CLOSE_WAIT, false, false));
        assertEquals("FIN_WAIT_1>LAST_ACK:kernel => LAST_ACK", next(FIN_WAIT_1, LAST_ACK, false, false));
        assertEquals("FIN_WAIT_1>CLOSED:kernel => CLOSED (ended)", next(FIN_WAIT_1, CLOSED, false, false));
        assertEquals("FIN_WAIT_1>FIN_WAIT_2:kernel => FIN_WAIT_2", next(FIN_WAIT_1, FIN_WAIT_2, false, false));
    }

    @Test
    void aKernelBehindTheJvmsInferenceIsAwaitedSilently() {
        // read() returned -1 after shutdownOutput(): the JVM inferred TIME_WAIT, our FIN may still be unacked
        assertEquals("none => TIME_WAIT", next(TIME_WAIT, CLOSING));
        assertEquals("none => TIME_WAIT", next(TIME_WAIT, FIN_WAIT_1));
        assertEquals("none => TIME_WAIT", next(TIME_WAIT, FIN_WAIT_2));
        assertEquals("none => FIN_WAIT_2", next(FIN_WAIT_2, FIN_WAIT_1));
        assertEquals("none => LAST_ACK", next(LAST_ACK, CLOSE_WAIT));
    }

    @Test
    void aStateTheDiagramCannotReachCorrectsTheJvmsViewAsSeen() {
        // the application closed without reading the peer's FIN: the JVM said FIN_WAIT_1, the kernel LAST_ACK
        assertEquals("FIN_WAIT_1>LAST_ACK:kernel => LAST_ACK", next(FIN_WAIT_1, LAST_ACK));
        assertEquals("FIN_WAIT_1>CLOSE_WAIT:kernel => CLOSE_WAIT", next(FIN_WAIT_1, CLOSE_WAIT));
        assertEquals("LAST_ACK>TIME_WAIT:kernel => TIME_WAIT", next(LAST_ACK, TIME_WAIT));
        assertEquals("FIN_WAIT_2>CLOSING:kernel => CLOSING", next(FIN_WAIT_2, CLOSING));
    }
}
