package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.LibraryRun.Outcome;
import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.libraries.HikariPostgres;
import dev.tcpflight.schema.SocketApi;
import dev.tcpflight.schema.events.Fields;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14, a native peer: pgjdbc through a HikariCP pool against a real PostgreSQL (the Debian package's,
 * started for the test). Closing the pool sends Terminate on each connection and then closes the socket; the
 * server's backend exits on Terminate, so its FIN often arrives before the client's close. An end that had the
 * FIN before it closed must be recorded as the passive close (CLOSE_WAIT, LAST_ACK), not as FIN_WAIT_1: the wire
 * (acknowledgement numbers) says which it was. Only the client ends are the JVM's; the server is C.
 */
@EnabledOnOs(OS.LINUX) // POLLRDHUP and /proc/net/tcp
class PostgresHikariIT {

    @TempDir
    Path dir;

    @Test
    void everyPooledConnectionIsRecordedOnceAndClosedAsOnTheWire() throws Exception {
        Outcome run;
        try (PostgresServer postgres = PostgresServer.start(dir)) {
            run = LibraryRun.run(dir, HikariPostgres.class, List.of(Integer.toString(postgres.port())),
                    "/org/postgresql/", "/com/zaxxer/", "/org/slf4j/", "/org/checkerframework/");
        }
        RecordedConnections recorded = run.recorded();
        assertTrue(run.audit().problems.isEmpty(), run.audit().problems.toString());

        // Every socket of the child is one of pgjdbc's, and each is one the server saw (its client port).
        List<Connection> clients = recorded.withRole("client");
        assertEquals(recorded.all(), clients, "nothing but the pool's connections" + recorded.describe());
        Set<Integer> serverSaw = run.result().stdout().lines().filter(l -> l.startsWith("pg-client-port "))
                .map(l -> Integer.parseInt(l.substring("pg-client-port ".length()))).collect(Collectors.toSet());
        assertEquals(HikariPostgres.POOL_SIZE, serverSaw.size(), run.result().stdout());
        assertEquals(serverSaw, clients.stream().map(c -> WireAudit.port(c.local())).collect(Collectors.toSet()),
                "the client ports PostgreSQL saw" + recorded.describe());

        run.wire().assertEveryEndpointMatchesTheWire(); // once each, bytes and states as on the wire
        for (Connection client : clients) {
            String path = "\n  " + client.local() + " " + client.path() + "\n  FINs and RSTs on the wire: "
                    + run.wire().packets(client).stream().filter(p -> p.fin() || p.rst()).toList();
            assertEquals(SocketApi.SOCKET.label(), client.socketApi(), path);
            assertEquals(LibraryRun.CONNECT, client.jvmPath().subList(0, 2), path);
            assertTrue(client.summary().getLong(Fields.BYTES_READ) > HikariPostgres.TEXT_LENGTH, path);
            List<String> close = client.jvmPath().subList(2, client.jvmPath().size());
            if (run.wire().closedFirst(client)) {
                assertEquals(List.of("ESTABLISHED>FIN_WAIT_1:close"), close, path);
                assertEquals("local-close", client.summary().getString(Fields.END_CAUSE), path);
            } else { // the server's FIN came first: found waiting at the close, if not read before
                assertEquals(2, close.size(), path);
                assertTrue(close.get(0).startsWith("ESTABLISHED>CLOSE_WAIT:"), path);
                assertEquals("CLOSE_WAIT>LAST_ACK:close", close.get(1), path);
                assertEquals("peer-close", client.summary().getString(Fields.END_CAUSE), path);
            }
        }
        long passive = clients.stream().filter(c -> c.jvmPath().contains("CLOSE_WAIT>LAST_ACK:close")).count();
        System.out.println(passive + " of " + clients.size() + " pgjdbc connections had the server's FIN before"
                + " their close");
    }
}
