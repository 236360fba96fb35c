package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.programs.PeerClosesFirst;
import dev.tcpflight.schema.events.Fields;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that never read the EOF (pools, {@code Connection: close}): the agent asks the kernel whether the
 * peer's FIN or RST is waiting, so the passive close is recorded as the wire has it, and an idle pooled
 * connection shows CLOSE_WAIT while the application still holds it.
 */
@EnabledOnOs(OS.LINUX) // POLLRDHUP; elsewhere a close without a read EOF is taken as active
class PeerClosesFirstIT {

    @TempDir
    Path dir;

    @Test
    void closesAfterAnUnreadFinOrRstAreRecordedAsTheWireHasThem() throws Exception {
        Path recording = dir.resolve("peer-closes.jfr");
        new ChildJvm().recordTo(recording).run(PeerClosesFirst.class).assertSucceeded();
        RecordedConnections recorded = RecordedConnections.read(recording);
        List<Connection> clients = recorded.withRole("client");
        List<Connection> servers = recorded.withRole("server");
        assertEquals(3, clients.size(), recorded.describe());
        assertEquals(3, servers.size(), recorded.describe());

        List<String> handshake = List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect");
        List<String> passiveClose = concat(handshake, "ESTABLISHED>CLOSE_WAIT:fin-found", "CLOSE_WAIT>LAST_ACK:close");
        assertEquals(passiveClose, clients.get(0).jvmPath(), "idle pooled connection" + recorded.describe());
        assertEquals(passiveClose, clients.get(1).jvmPath(), "Connection: close" + recorded.describe());
        assertEquals(concat(handshake, "ESTABLISHED>CLOSED:reset"), clients.get(2).jvmPath(),
                "RST waiting" + recorded.describe());

        List<String> accepted = List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept");
        assertEquals(concat(accepted, "ESTABLISHED>FIN_WAIT_1:close"), servers.get(0).jvmPath());
        assertEquals(concat(accepted, "ESTABLISHED>FIN_WAIT_1:close"), servers.get(1).jvmPath());
        assertEquals(concat(accepted, "ESTABLISHED>CLOSED:abortive-close"), servers.get(2).jvmPath());

        assertEquals("peer-close", clients.get(0).summary().getString(Fields.END_CAUSE));
        assertEquals("peer-close", clients.get(1).summary().getString(Fields.END_CAUSE));
        assertEquals("reset", clients.get(2).summary().getString(Fields.END_CAUSE));
        for (Connection end : clients) {
            assertEquals(PeerClosesFirst.RESPONSE_BYTES, end.summary().getLong(Fields.BYTES_READ));
            assertEquals(PeerClosesFirst.REQUEST_BYTES, end.summary().getLong(Fields.BYTES_WRITTEN));
        }

        // The idle one is found by the periodic look, long before the application closes it.
        Duration found = Duration.between(servers.get(0).transitionTo("FIN_WAIT_1").getStartTime(),
                clients.get(0).transitionTo("CLOSE_WAIT").getStartTime());
        assertTrue(found.compareTo(Duration.ofMillis(700)) < 0, "CLOSE_WAIT found " + found + " after the FIN");
        Duration held = Duration.between(clients.get(0).transitionTo("CLOSE_WAIT").getStartTime(),
                clients.get(0).transitionTo("LAST_ACK").getStartTime());
        assertTrue(held.compareTo(Duration.ofMillis(PeerClosesFirst.CLIENT_IDLE_MS - PeerClosesFirst.SERVER_IDLE_MS
                - 700)) > 0, "CLOSE_WAIT held " + held);
    }

    /**
     * The same run checked against the wire: for each connection, the end that sent the first FIN or RST is the
     * one recorded as closing first (FIN_WAIT_1, or CLOSED by its own reset), the other end is recorded as the
     * passive one (CLOSE_WAIT, or CLOSED by the peer's reset), and an end that sent no FIN is never recorded in a
     * state that only a FIN it sent leads to.
     */
    @Test
    void whoClosedFirstMatchesThePacketsOnTheLoopbackWire() throws Exception {
        Assumptions.assumeTrue(WireCapture.available(), "tcpdump cannot capture on lo here (not installed, or not"
                + " root); .ci/run installs it and CI runs as root");
        Path recording = dir.resolve("peer-closes.jfr");
        WireCapture wire;
        try (WireCapture capture = WireCapture.start(dir.resolve("wire.pcap"))) {
            wire = capture;
            new ChildJvm().recordTo(recording).run(PeerClosesFirst.class).assertSucceeded();
            Thread.sleep(500); // the last segments reach the capture file
        }
        RecordedConnections recorded = RecordedConnections.read(recording);
        List<Connection> ends = new java.util.ArrayList<>(recorded.withRole("client"));
        ends.addAll(recorded.withRole("server"));
        assertEquals(6, ends.size(), recorded.describe());
        for (Connection end : ends) {
            int local = port(end.local());
            int remote = port(end.remote());
            List<WireCapture.Segment> segments = wire.finsAndResets(local, remote);
            assertTrue(!segments.isEmpty(), "no FIN or RST on the wire for " + end.local() + " (capture of "
                    + wire.size() + " bytes)");
            WireCapture.Segment first = segments.get(0);
            boolean weClosedFirst = first.fromPort() == local;
            boolean weSentFin = segments.stream().anyMatch(s -> s.fromPort() == local && s.fin());
            List<String> path = end.jvmPath();
            String what = end.role() + " " + end.local() + " " + path + " wire " + segments;
            if (weClosedFirst) {
                // we sent the RST: an abortive close, never the peer's reset
                assertTrue(path.contains(first.rst() ? "ESTABLISHED>CLOSED:abortive-close"
                        : "ESTABLISHED>FIN_WAIT_1:close"), what);
            } else {
                assertTrue(path.contains(first.rst() ? "ESTABLISHED>CLOSED:reset" : "ESTABLISHED>CLOSE_WAIT:fin-found")
                        || path.contains("ESTABLISHED>CLOSE_WAIT:read-eof"), what);
                assertTrue(path.stream().noneMatch(step -> step.contains(">FIN_WAIT_1:")), what);
            }
            if (!weSentFin) {
                assertTrue(path.stream().noneMatch(step -> step.contains(">FIN_WAIT_1:")
                        || step.contains(">LAST_ACK:")), what);
            }
        }
    }

    private static int port(String endpoint) {
        return Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
    }

    private static List<String> concat(List<String> start, String... rest) {
        return java.util.stream.Stream.concat(start.stream(), java.util.stream.Stream.of(rest)).toList();
    }
}
