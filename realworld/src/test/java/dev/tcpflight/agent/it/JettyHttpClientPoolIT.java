package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.LibraryRun.Outcome;
import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.libraries.JettyPooledClient;
import dev.tcpflight.schema.events.Fields;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14, scenario 1: Jetty 12 closes an idle keep-alive connection that Apache HttpClient 5's pool holds
 * unread. Only the kernel knows the client's end is in CLOSE_WAIT; the agent's periodic look must find it within
 * a second of the FIN on the wire, and the pool's later close is then a passive one (LAST_ACK). Jetty's idle
 * timeout shuts its output down (the FIN) before it closes the channel: {@code shutdown-output}.
 */
@EnabledOnOs(OS.LINUX) // POLLRDHUP and /proc/net/tcp
class JettyHttpClientPoolIT {

    @TempDir
    Path dir;

    @Test
    void idlePooledConnectionClosedByJettyIsCloseWaitThenLastAckAsOnTheWire() throws Exception {
        Outcome run = LibraryRun.run(dir, JettyPooledClient.class, "/org/eclipse/jetty/", "/org/apache/httpcomponents/",
                "/org/slf4j/");
        RecordedConnections recorded = run.recorded();
        assertTrue(run.audit().problems.isEmpty(), run.audit().problems.toString());
        Connection client = recorded.only("client");
        Connection server = recorded.only("server");
        Connection listener = recorded.only("listener");

        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>CLOSE_WAIT:fin-found", "CLOSE_WAIT>LAST_ACK:close"), client.jvmPath(),
                recorded.describe());
        assertEquals(List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                "ESTABLISHED>FIN_WAIT_1:shutdown-output"), server.jvmPath(), recorded.describe());
        assertEquals(List.of("CLOSED>LISTEN:listen", "LISTEN>CLOSED:close"), listener.jvmPath(), recorded.describe());
        assertTrue(client.transitionTo("CLOSE_WAIT").getString(Fields.DETAIL).endsWith("by the periodic look"),
                client.transitionTo("CLOSE_WAIT").getString(Fields.DETAIL));
        assertEquals("peer-close", client.summary().getString(Fields.END_CAUSE));
        assertEquals("local-close", server.summary().getString(Fields.END_CAUSE));

        // Bytes: what Jetty counted for its connection, and the same the other way round at the client.
        String[] jetty = run.result().stdout().lines().filter(l -> l.startsWith("jetty-bytes ")).findFirst()
                .orElseThrow(() -> new AssertionError("no jetty-bytes line:\n" + run.result().stdout())).split(" ");
        assertEquals(Long.parseLong(jetty[1]), server.summary().getLong(Fields.BYTES_READ), "Jetty's bytes in");
        assertEquals(Long.parseLong(jetty[2]), server.summary().getLong(Fields.BYTES_WRITTEN), "Jetty's bytes out");
        assertEquals(server.summary().getLong(Fields.BYTES_READ), client.summary().getLong(Fields.BYTES_WRITTEN));
        assertEquals(server.summary().getLong(Fields.BYTES_WRITTEN), client.summary().getLong(Fields.BYTES_READ));
        assertTrue(client.summary().getLong(Fields.BYTES_READ) > JettyPooledClient.BODY.length(), "headers and body");

        run.wire().assertEveryEndpointMatchesTheWire();
        assertTrue(!run.wire().closedFirst(client) && run.wire().closedFirst(server), "Jetty's FIN came first");

        // Found by the periodic look within a second of Jetty's FIN, held until the pool closed it.
        Duration found = WireAudit.delay(run.wire().firstFinFrom(client, WireAudit.port(server.local())), client,
                "CLOSE_WAIT");
        assertTrue(!found.isNegative() && found.compareTo(Duration.ofSeconds(1)) <= 0,
                "CLOSE_WAIT began " + found + " after Jetty's FIN on the wire");
        System.out.println("CLOSE_WAIT found " + found.toMillis() + " ms after Jetty's FIN on the wire");
        Duration held = WireAudit.delay(run.wire().firstFinFrom(client, WireAudit.port(server.local())), client,
                "LAST_ACK");
        assertTrue(held.compareTo(Duration.ofMillis(JettyPooledClient.CLIENT_IDLE_MS - JettyPooledClient.SERVER_IDLE_MS
                - 500)) > 0, "the pool closed " + held + " after Jetty's FIN");
    }
}
