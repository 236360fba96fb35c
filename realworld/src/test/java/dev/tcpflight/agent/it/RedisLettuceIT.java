package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.LibraryRun.Outcome;
import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.libraries.LettuceIdleAndClosed;
import dev.tcpflight.schema.SocketApi;
import dev.tcpflight.schema.events.Fields;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14, a native peer: Lettuce against a real redis-server (the Debian package's, started for the test)
 * that closes clients idle for a second. Lettuce runs on Netty's native epoll transport, as it does wherever
 * Netty's optional epoll jar is on the class path (here reactor-netty's dependencies bring it). The idle
 * connection is closed by Redis first: Netty's event loop reads the EOF (or the agent finds the FIN first) and
 * closes the channel, a passive close; the other is closed by Lettuce first, an active close.
 */
@EnabledOnOs(OS.LINUX) // POLLRDHUP and /proc/net/tcp
class RedisLettuceIT {

    @TempDir
    Path dir;

    @Test
    void idleConnectionClosedByRedisIsPassiveAndClientClosedOneIsActiveAsOnTheWire() throws Exception {
        Outcome run;
        try (RedisServer redis = RedisServer.start(dir, 1)) {
            run = LibraryRun.run(dir, LettuceIdleAndClosed.class, List.of(Integer.toString(redis.port())),
                    "/io/lettuce/", "/io/netty/", "/io/projectreactor/", "/org/reactivestreams/", "/redis/clients/",
                    "/org/slf4j/");
        }
        RecordedConnections recorded = run.recorded();
        assertTrue(run.audit().problems.isEmpty(), run.audit().problems.toString());
        assertEquals(2, recorded.all().size(), "the two connections, nothing else" + recorded.describe());
        Connection idle = byPort(recorded, run, "redis-idle-port ");
        Connection closed = byPort(recorded, run, "redis-closed-port ");
        String both = "\n  idle " + idle.path() + "\n  closed " + closed.path();
        for (Connection end : List.of(idle, closed)) {
            assertEquals("client", end.role(), both);
            assertEquals(SocketApi.NETTY_EPOLL.label(), end.socketApi(), "Netty epoll" + both);
        }
        run.wire().assertEveryEndpointMatchesTheWire(); // once each, bytes and states as on the wire

        assertTrue(!run.wire().closedFirst(idle), "Redis closed the idle one first on the wire" + both);
        assertEquals(LibraryRun.CONNECT, idle.jvmPath().subList(0, 2), both);
        assertTrue(List.of("ESTABLISHED>CLOSE_WAIT:read-eof", "ESTABLISHED>CLOSE_WAIT:fin-found")
                .contains(idle.jvmPath().get(2)), both);
        RecordedConnections.Step finSeen = idle.transitionTo("CLOSE_WAIT");
        if (finSeen.getString(Fields.TRIGGER).equals("read-eof")) { // else found by the agent's look first
            assertTrue(finSeen.getThread().getJavaName().startsWith("lettuce-epollEventLoop-"),
                    "read by Lettuce's epoll event loop: " + finSeen.getThread().getJavaName());
        }
        assertEquals(List.of("CLOSE_WAIT>LAST_ACK:close"), idle.jvmPath().subList(3, idle.jvmPath().size()), both);
        assertEquals("peer-close", idle.summary().getString(Fields.END_CAUSE), both);

        assertTrue(run.wire().closedFirst(closed), "Lettuce closed the other first on the wire" + both);
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>FIN_WAIT_1:close"), closed.jvmPath(), both);
        assertEquals("local-close", closed.summary().getString(Fields.END_CAUSE), both);
    }

    /** The connection whose local port Redis reported on the child's line starting with {@code prefix}. */
    private static Connection byPort(RecordedConnections recorded, Outcome run, String prefix) {
        int port = run.result().stdout().lines().filter(l -> l.startsWith(prefix))
                .map(l -> Integer.parseInt(l.substring(prefix.length()))).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line:\n" + run.result().stdout()));
        return recorded.all().stream().filter(c -> WireAudit.port(c.local()) == port).findFirst()
                .orElseThrow(() -> new AssertionError("no connection from port " + port + recorded.describe()));
    }
}
