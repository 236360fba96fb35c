package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.WireCapture.Packet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The paths read from packets as tcpdump captured them in the real-library runs (ports 1 = client, 2 = server). */
class WirePathTest {

    private static final List<String> CLIENT_OPEN = List.of("CLOSED", "SYN_SENT", "ESTABLISHED");
    private static final List<String> SERVER_OPEN = List.of("LISTEN", "SYN_RECEIVED", "ESTABLISHED");

    private final List<Packet> wire = new ArrayList<>();

    @Test
    void theEndWhoseFinAcknowledgesThePeersWasInCloseWait() {
        handshake();
        send(2, "F.", 2001, 1001);
        send(1, "F.", 1001, 2002); // acknowledges the server's FIN
        send(2, ".", -1, 1002);
        assertPath(2, true, List.of("FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT"));
        assertPath(1, false, List.of("CLOSE_WAIT", "LAST_ACK", "CLOSED"));
    }

    /** Captured first, yet crossed: the server sent its FIN before it had processed the client's (CLOSING). */
    @Test
    void finsThatCrossAreASimultaneousClose() {
        handshake();
        send(1, "F.", 1001, 2001);
        send(2, "F.", 2001, 1001); // does not acknowledge the client's FIN
        send(1, ".", -1, 2002);
        send(2, ".", -1, 1002);
        assertPath(1, true, List.of("FIN_WAIT_1", "CLOSING", "TIME_WAIT"));
        assertPath(2, true, List.of("FIN_WAIT_1", "CLOSING", "TIME_WAIT"));
    }

    /** Tomcat's acceptor unlock: the client's RST ends a connection nobody closed. */
    @Test
    void anRstNobodyPrecededEndsBothAndTheSenderClosedFirst() {
        handshake();
        send(1, "R.", 1001, 2001);
        assertPath(1, true, List.of("CLOSED"));
        assertPath(2, false, List.of("CLOSED"));
        assertFalse(WirePath.of(2, wire).admits(List.of("LISTEN", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1")));
    }

    /** The same, but the server's FIN left before it had processed the RST: captured after it, they crossed. */
    @Test
    void aFinCapturedJustAfterThePeersRstCrossedIt() {
        handshake();
        send(1, "R.", 1001, 2001);
        send(2, "F.", 2001, 1001);
        send(1, "R", 1001, -1);
        assertPath(2, false, List.of("FIN_WAIT_1", "CLOSED"));
        assertPath(1, true, List.of("CLOSED"));
    }

    @Test
    void aRecordingMaySkipStatesButNotAddThem() {
        handshake();
        send(1, "F.", 1001, 2001);
        send(2, ".", -1, 1002);
        send(2, "F.", 2001, 1002);
        send(1, ".", -1, 2002);
        WirePath client = WirePath.of(1, wire);
        assertTrue(client.admits(List.of("CLOSED", "SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "TIME_WAIT")));
        assertFalse(client.admits(List.of("CLOSED", "SYN_SENT", "ESTABLISHED", "CLOSE_WAIT")));
    }

    private void assertPath(int port, boolean closedFirst, List<String> close) {
        WirePath path = WirePath.of(port, wire);
        List<String> expected = new ArrayList<>(port == 1 ? CLIENT_OPEN : SERVER_OPEN);
        expected.addAll(close);
        assertEquals(expected, path.states());
        assertEquals(port == 1, path.client());
        assertEquals(closedFirst, path.closedFirst());
    }

    private void handshake() {
        send(1, "S", 1000, -1);
        send(2, "S.", 2000, 1001);
        send(1, ".", -1, 2001);
    }

    private void send(int from, String flags, long seq, long ack) {
        wire.add(new Packet(Instant.EPOCH.plusMillis(wire.size()), from, 3 - from, flags, 0, seq, ack));
    }
}
