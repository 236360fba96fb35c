package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.LibraryRun.Outcome;
import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.libraries.ReactorNettyEpoll;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #14: reactor-netty (Spring WebFlux's engine) on its default transport on Linux, Netty's native epoll, which
 * calls the kernel through JNI and never through the JDK's socket classes. A reactor-netty server and its pooled
 * client: {@value ReactorNettyEpoll#KEEP_ALIVE} requests on one keep-alive connection, one more on it with
 * {@code Connection: close} (both ends close at once: which FIN goes first is a race the wire settles), then
 * {@value ReactorNettyEpoll#KEEP_ALIVE} on a second connection that the pool's disposal closes first.
 */
@EnabledOnOs(OS.LINUX) // Netty's epoll, POLLRDHUP and /proc/net/tcp
class ReactorNettyEpollIT {

    private static final String EPOLL_SOCKET = "io.netty.channel.epoll.EpollSocketChannel";

    @TempDir
    Path dir;

    @Test
    void pooledAndClosedConnectionsOnEpollAreRecordedAsOnTheWire() throws Exception {
        Outcome run = LibraryRun.run(dir, ReactorNettyEpoll.class, "/io/projectreactor/", "/io/netty/",
                "/org/reactivestreams/");
        String out = run.result().stdout();
        RecordedConnections recorded = run.recorded();
        assertTrue(run.audit().problems.isEmpty(), run.audit().problems.toString());
        // no hook matching several methods, no failure inside the advice
        assertFalse(run.result().stderr().contains("[tcpflight] WARNING"), run.result().stderr());

        // reactor-netty chose epoll by itself, for the listener and every connection of both sides
        assertTrue(out.lines().anyMatch("epoll-available true"::equals), out);
        assertTrue(out.lines().anyMatch("reactor-netty native true supported true"::equals), out);
        assertEquals(List.of("client-channel " + EPOLL_SOCKET, "client-channel " + EPOLL_SOCKET,
                "listener-channel io.netty.channel.epoll.EpollServerSocketChannel", "server-channel " + EPOLL_SOCKET,
                "server-channel " + EPOLL_SOCKET), out.lines().filter(l -> l.contains("-channel ")).sorted().toList(),
                out);

        // the pool's connection carried the keep-alive requests and the close; the next ones took a new one
        List<String[]> requests = out.lines().filter(l -> l.startsWith("request ")).map(l -> l.split(" ")).toList();
        assertEquals(2 * ReactorNettyEpoll.KEEP_ALIVE + 1, requests.size(), out);
        String closed = requests.get(ReactorNettyEpoll.KEEP_ALIVE)[4];
        String pooled = requests.get(requests.size() - 1)[4];
        assertNotEquals(closed, pooled, out);
        for (String[] request : requests) {
            boolean close = request[2].equals("close");
            assertEquals(Integer.parseInt(request[1]) <= ReactorNettyEpoll.KEEP_ALIVE + 1 ? closed : pooled, request[4],
                    String.join(" ", request));
            assertEquals(close ? "close" : "null", request[6], "the server's Connection header");
        }

        // each endpoint once, on epoll, where the program saw it
        Connection listener = recorded.only("listener");
        List<Connection> clients = recorded.withRole("client");
        List<Connection> servers = recorded.withRole("server");
        assertEquals(List.of("CLOSED>LISTEN:listen", "LISTEN>CLOSED:close"), listener.jvmPath(), recorded.describe());
        assertEquals("127.0.0.1:" + line(out, "server-port "), listener.local());
        assertEquals(Set.of(closed, pooled), clients.stream().map(c -> String.valueOf(WireAudit.port(c.local())))
                .collect(Collectors.toSet()), recorded.describe());
        assertEquals(2, clients.size(), recorded.describe());
        assertEquals(2, servers.size(), recorded.describe());
        for (Connection end : recorded.all()) {
            assertEquals("netty-epoll", end.socketApi(), end.role() + " " + end.local());
        }
        for (Connection client : clients) {
            assertEquals(listener.local(), client.remote());
            assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect"),
                    client.jvmPath().subList(0, 2), recorded.describe());
            assertEquals(List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept"),
                    run.wire().peerOf(client).jvmPath().subList(0, 2), recorded.describe());
        }

        // bytes and states as on the wire, and who closed first as the wire has it
        run.wire().assertEveryEndpointMatchesTheWire();
        for (Connection client : clients) {
            run.wire().assertClosedAsOnTheWire(client);
        }
        assertTrue(run.wire().closedFirst(client(clients, pooled)) && !run.wire().closedFirst(run.wire().peerOf(
                client(clients, pooled))), "the pool's disposal closed first" + recorded.describe());
        Connection closing = client(clients, closed);
        System.out.println("Connection: close, closed first by the" + (run.wire().closedFirst(closing) ? " client" : "")
                + (run.wire().closedFirst(run.wire().peerOf(closing)) ? " server" : ""));
    }

    private static Connection client(List<Connection> clients, String localPort) {
        return clients.stream().filter(c -> c.local().endsWith(":" + localPort)).findFirst().orElseThrow();
    }

    private static String line(String out, String prefix) {
        return out.lines().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' line:\n" + out));
    }
}
