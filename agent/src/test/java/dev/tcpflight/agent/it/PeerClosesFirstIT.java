package dev.tcpflight.agent.it;

import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.programs.PeerClosesFirst;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(concat(accepted, "ESTABLISHED>CLOSED:reset"), servers.get(2).jvmPath());

        assertEquals("peer-close", clients.get(0).summary().getString("endCause"));
        assertEquals("peer-close", clients.get(1).summary().getString("endCause"));
        assertEquals("reset", clients.get(2).summary().getString("endCause"));
        for (Connection end : clients) {
            assertEquals(PeerClosesFirst.RESPONSE_BYTES, end.summary().getLong("bytesRead"));
            assertEquals(PeerClosesFirst.REQUEST_BYTES, end.summary().getLong("bytesWritten"));
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

    private static List<String> concat(List<String> start, String... rest) {
        return java.util.stream.Stream.concat(start.stream(), java.util.stream.Stream.of(rest)).toList();
    }
}
