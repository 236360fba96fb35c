package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.WireCapture.Packet;
import dev.tcpflight.schema.events.Fields;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every endpoint of a recording against the loopback capture of the same run: each 4-tuple recorded once,
 * its recorded states a subsequence of what its packets imply ({@link WirePath}), and its byte counts equal to
 * the payload the packets carried each way. What the library itself knows (exact paths, its own byte counts) is
 * for each test to add.
 */
final class WireAudit {

    /** How close to the close's transition a racing RST was captured: the close itself takes microseconds. */
    private static final Duration RACE_WINDOW = Duration.ofMillis(2);

    private final RecordedConnections recorded;
    private final WireCapture wire;

    WireAudit(RecordedConnections recorded, WireCapture wire) {
        this.recorded = recorded;
        this.wire = wire;
    }

    /** Runs every check on every connection endpoint; listeners have no packets of their own. */
    void assertEveryEndpointMatchesTheWire() throws IOException, InterruptedException {
        assertMatchTheWire(recorded.all());
    }

    /** Runs every check on these endpoints of the recording. */
    void assertMatchTheWire(List<Connection> ends) throws IOException, InterruptedException {
        assertOnceWithTheWiresBytes(ends);
        assertStatesMatchTheWire(ends);
    }

    /** Each endpoint recorded once, with packets on the wire, its byte counts those the packets carried. */
    void assertOnceWithTheWiresBytes(List<Connection> ends) throws IOException, InterruptedException {
        assertCaptureComplete();
        Map<String, Long> seen = new HashMap<>();
        for (Connection end : connections(ends)) {
            String tuple = tuple(end);
            Long earlier = seen.putIfAbsent(tuple, end.id());
            assertTrue(earlier == null, tuple + " recorded twice: #" + earlier + " and #" + end.id()
                    + recorded.describe());
            List<Packet> packets = packets(end);
            assertFalse(packets.isEmpty(), "no packet on the wire for " + tuple + " " + end.path()
                    + " (capture of " + wire.size() + " bytes)");
            assertTrue(end.summary() != null, tuple + ": no tcpflight.Connection event");
            assertEquals(payload(packets, port(end.local()), true), end.summary().getLong(Fields.BYTES_WRITTEN),
                    tuple + " bytesWritten against the wire");
            assertEquals(payload(packets, port(end.local()), false), end.summary().getLong(Fields.BYTES_READ),
                    tuple + " bytesRead against the wire");
        }
    }

    /** Each endpoint's recorded states a subsequence of what its packets imply ({@link WirePath}). */
    void assertStatesMatchTheWire(List<Connection> ends) throws IOException, InterruptedException {
        assertCaptureComplete();
        List<String> mismatches = new ArrayList<>();
        for (Connection end : connections(ends)) {
            List<Packet> packets = packets(end);
            WirePath implied = WirePath.of(port(end.local()), packets);
            assertEquals(end.role().equals("client"), implied.client(), tuple(end) + ": who sent the SYN");
            if (!implied.admits(states(end)) && !resetRacedTheClose(end, packets, implied)) {
                mismatches.add(tuple(end) + " recorded " + states(end) + " (" + timedPath(end)
                        + "), but the packets imply " + implied.states() + "\nwire: " + packets);
            }
        }
        assertTrue(mismatches.isEmpty(), mismatches.size() + " of " + ends.size() + " endpoints differ from the"
                + " wire:\n" + String.join("\n", mismatches));
    }

    /**
     * The one race the agent cannot win: the peer's RST arriving in the microseconds between the agent's last
     * question to the kernel, just before the close, and the close itself (seen once in CI, Tomcat's acceptor
     * unlock on a loaded JDK 25 run). The close then sends nothing, but is recorded as the active close the
     * kernel's answer promised (FIN_WAIT_1, then CLOSED when the kernel sampler finds the socket gone); the README
     * lists it under limits. Admitted only as exactly that path, with no FIN from this end on the wire and the
     * peer's RST captured within {@link #RACE_WINDOW} of the close's transition, so an RST that had waited
     * unnoticed still fails.
     */
    private static boolean resetRacedTheClose(Connection end, List<Packet> packets, WirePath implied) {
        List<String> wireStates = implied.states();
        int last = wireStates.size() - 1;
        Packet reset = packets.stream().filter(Packet::rst).findFirst().orElse(null);
        if (reset == null || reset.fromPort() == port(end.local()) || last < 1
                || !wireStates.subList(last - 1, last + 1).equals(List.of("ESTABLISHED", "CLOSED"))
                || packets.stream().anyMatch(p -> p.fin() && p.fromPort() == port(end.local()))) {
            return false;
        }
        List<String> raced = new ArrayList<>(wireStates.subList(0, last));
        raced.addAll(List.of("FIN_WAIT_1", "CLOSED"));
        return states(end).equals(raced) && end.transitions().stream()
                .filter(t -> t.getString(Fields.TO_STATE).equals("FIN_WAIT_1")
                        && t.getString(Fields.TRIGGER).equals("close"))
                .anyMatch(t -> Duration.between(reset.time(), t.getStartTime()).abs().compareTo(RACE_WINDOW) <= 0);
    }

    /** A packet the kernel dropped from the capture would make the recording look wrong where the wire is. */
    private void assertCaptureComplete() {
        assertFalse(wire.droppedByKernel() > 0, "the kernel dropped " + wire.droppedByKernel() + " packets from"
                + " the capture: the wire is incomplete, nothing can be checked against it");
    }

    /** The packets of one endpoint's connection, in capture order. */
    List<Packet> packets(Connection end) throws IOException, InterruptedException {
        return wire.packets(port(end.local()), port(end.remote()));
    }

    /** When the first FIN sent by the port {@code fromPort} of this connection was captured. */
    Instant firstFinFrom(Connection end, int fromPort) throws IOException, InterruptedException {
        return packets(end).stream().filter(p -> p.fin() && p.fromPort() == fromPort).findFirst()
                .map(Packet::time).orElseThrow(() -> new AssertionError("no FIN from " + fromPort + " for "
                        + end.local() + " on the wire"));
    }

    /**
     * Whether the endpoint closed before it had received the peer's FIN (both may have, in a simultaneous close),
     * or sent the RST that ended a connection nobody had closed ({@link WirePath#closedFirst()}).
     */
    boolean closedFirst(Connection end) throws IOException, InterruptedException {
        return WirePath.of(port(end.local()), packets(end)).closedFirst();
    }

    /**
     * Both ends of {@code end}'s connection closed as the wire shows: an end that closed before it had the peer's
     * FIN (both, when their FINs crossed) recorded as the active close, FIN_WAIT_1 at its close; the other as the
     * passive one, CLOSE_WAIT, then LAST_ACK at its close. Kernel-observed steps aside, the first two transitions
     * are the connect's or the accept's.
     */
    void assertClosedAsOnTheWire(Connection end) throws IOException, InterruptedException {
        Connection peer = peerOf(end);
        String pair = "\n  " + end.role() + " " + end.path() + "\n  " + peer.role() + " " + peer.path();
        for (Connection one : List.of(end, peer)) {
            List<String> path = one.jvmPath();
            if (closedFirst(one)) {
                assertEquals("ESTABLISHED>FIN_WAIT_1:close", path.get(2), one.role() + " closed first" + pair);
            } else {
                assertTrue(path.get(2).startsWith("ESTABLISHED>CLOSE_WAIT:"), one.role() + " closed last" + pair);
                assertEquals("CLOSE_WAIT>LAST_ACK:close", path.get(3), pair);
                assertEquals("peer-close", one.summary().getString(Fields.END_CAUSE), pair);
            }
        }
    }

    /** The other end of {@code end}'s connection, recorded in the same JVM. */
    Connection peerOf(Connection end) {
        return connections(recorded.all()).stream()
                .filter(c -> c.local().equals(end.remote()) && c.remote().equals(end.local())).findFirst()
                .orElseThrow(() -> new AssertionError("no other end recorded for " + tuple(end) + recorded.describe()));
    }

    /** How long after the packet at {@code wireTime} the transition to {@code state} began. */
    static Duration delay(Instant wireTime, Connection end, String state) {
        return Duration.between(wireTime, end.transitionTo(state).getStartTime());
    }

    /** Listeners have no packets of their own. */
    private static List<Connection> connections(List<Connection> ends) {
        return ends.stream().filter(end -> !end.role().equals("listener")).toList();
    }

    private static String tuple(Connection end) {
        return end.role() + " " + end.local() + " " + end.remote();
    }

    /** Each transition with the time it began, to set beside the packets' times. */
    private static List<String> timedPath(Connection end) {
        return end.transitions().stream().map(t -> t.getStartTime() + " " + t.getString(Fields.FROM_STATE) + ">"
                + t.getString(Fields.TO_STATE) + ":" + t.getString(Fields.TRIGGER)).toList();
    }

    /** The first transition's old state, then each transition's new state. */
    static List<String> states(Connection end) {
        List<String> states = new ArrayList<>();
        states.add(end.transitions().get(0).getString(Fields.FROM_STATE));
        end.transitions().forEach(t -> states.add(t.getString(Fields.TO_STATE)));
        return states;
    }

    static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private static long payload(List<Packet> packets, int localPort, boolean sent) {
        return packets.stream().filter(p -> (p.fromPort() == localPort) == sent).mapToLong(Packet::length).sum();
    }
}
