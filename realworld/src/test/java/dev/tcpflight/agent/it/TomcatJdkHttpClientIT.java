package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.LibraryRun.Outcome;
import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.libraries.TomcatConnectionClose;
import dev.tcpflight.schema.events.Fields;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14, scenarios 2 and 3: embedded Tomcat 11 answers the JDK's {@code java.net.http.HttpClient} with
 * {@code Connection: close}, {@value TomcatConnectionClose#REQUESTS} connections, then stops (its acceptor may
 * wake itself with an unlock connection). Tomcat closes right after writing, the client as soon as it has parsed
 * the answer: which FIN goes first is a race the wire settles.
 */
@EnabledOnOs(OS.LINUX) // POLLRDHUP and /proc/net/tcp
class TomcatJdkHttpClientIT {

    private static final List<String> CONNECT = List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect");
    private static final List<String> ACCEPT = List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept");

    @TempDir
    Path dir;

    /** What holds today: one endpoint each, bytes as on the wire, opened as on the wire, closed once. */
    @Test
    void everyConnectionIsRecordedOnceWithTheWiresBytes() throws Exception {
        Outcome run = LibraryRun.run(dir, TomcatConnectionClose.class, "/org/apache/tomcat/");
        RecordedConnections recorded = run.recorded();
        assertTrue(run.audit().problems.isEmpty(), run.audit().problems.toString());
        List<Connection> clients = httpClients(recorded);
        List<Connection> servers = recorded.withRole("server");
        assertEquals(TomcatConnectionClose.REQUESTS, clients.size(), "one connection a request" + recorded.describe());
        assertTrue(servers.size() - clients.size() <= 1, "at most the acceptor's unlock connection besides"
                + recorded.describe());
        assertEquals(List.of("CLOSED>LISTEN:listen", "LISTEN>CLOSED:close"), recorded.only("listener").jvmPath());
        run.wire().assertOnceWithTheWiresBytes(recorded.all());
        for (Connection client : clients) {
            Connection server = run.wire().peerOf(client);
            assertEquals(CONNECT, client.jvmPath().subList(0, 2), recorded.describe());
            assertEquals(ACCEPT, server.jvmPath().subList(0, 2), recorded.describe());
            // the same response each time: the same bytes each way on every connection
            assertEquals(servers.get(0).summary().getLong(Fields.BYTES_WRITTEN),
                    server.summary().getLong(Fields.BYTES_WRITTEN));
            assertTrue(server.summary().getLong(Fields.BYTES_WRITTEN) > TomcatConnectionClose.BODY.length(),
                    "head and body");
            assertEquals(server.summary().getLong(Fields.BYTES_WRITTEN), client.summary().getLong(Fields.BYTES_READ));
            assertEquals(server.summary().getLong(Fields.BYTES_READ), client.summary().getLong(Fields.BYTES_WRITTEN));
        }
    }

    /**
     * An end that closed before it had the peer's FIN must be recorded as the active close (FIN_WAIT_1), the
     * other as the passive one (CLOSE_WAIT, then LAST_ACK at its close); the acceptor's unlock connection, if
     * made, as the wire has it too (scenario 3: nothing invented).
     */
    @Test
    void whoClosedFirstIsRecordedAsTheWireShowsIt() throws Exception {
        Outcome run = LibraryRun.run(dir, TomcatConnectionClose.class, "/org/apache/tomcat/");
        RecordedConnections recorded = run.recorded();
        run.wire().assertStatesMatchTheWire(recorded.all());
        for (Connection client : httpClients(recorded)) {
            run.wire().assertClosedAsOnTheWire(client);
        }
    }

    /** The JDK's HttpClient works on SocketChannels; Tomcat's acceptor unlock on a java.net.Socket. */
    private static List<Connection> httpClients(RecordedConnections recorded) {
        return recorded.withRole("client").stream().filter(c -> c.socketApi().equals("SocketChannel")).toList();
    }
}
