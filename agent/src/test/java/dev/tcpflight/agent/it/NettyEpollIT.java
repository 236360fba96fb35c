package dev.tcpflight.agent.it;

import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.programs.NettyEpollEcho;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Netty's native epoll transport calls the kernel through JNI, never through the JDK's socket classes: its
 * connections are seen through the advice on Netty's own {@code Socket} and {@code FileDescriptor}. A Netty 4.2
 * epoll echo server and epoll clients on loopback, under the agent from the start and attached after Netty's
 * classes were loaded; every end's exact transitions, addresses and byte counts.
 */
class NettyEpollIT {

    private static final List<String> CLIENT_CLOSES_FIRST = List.of("CLOSED>SYN_SENT:connect",
            "SYN_SENT>ESTABLISHED:connect", "ESTABLISHED>FIN_WAIT_1:close");
    private static final List<String> SERVER_FOLLOWS = List.of("LISTEN>SYN_RECEIVED:accept",
            "SYN_RECEIVED>ESTABLISHED:accept", "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close");

    @TempDir
    Path dir;

    @Test
    void epollConnectionsAreRecordedExactly() throws Exception {
        Path recording = dir.resolve("epoll.jfr");
        // kernel=off: exact JVM-side sequences, no kernel states added by timing
        ChildJvm.Result result = new ChildJvm().agentOptions("kernel=off").withLibraries("/io/netty/")
                .recordTo(recording).run(NettyEpollEcho.class).assertSucceeded();
        assertFalse(result.stderr().contains("WARNING"), result.stderr());
        RecordedConnections recorded = RecordedConnections.read(recording);

        Connection listener = recorded.only("listener");
        assertEquals(List.of("CLOSED>LISTEN:listen", "LISTEN>CLOSED:close"), listener.path());
        assertEquals("netty-epoll", listener.socketApi());
        assertEquals("127.0.0.1", listener.transitions().get(0).getString("localAddress"));
        assertConnections(recorded, listener, SERVER_FOLLOWS, CLIENT_CLOSES_FIRST);
    }

    /**
     * Netty's classes are loaded and its server bound before the agent arrives: they are woven at the attach. The
     * listener, open before, is met at its close; every connection after the attach is seen whole.
     */
    @Test
    void agentAttachedAfterNettyWasLoaded() throws Exception {
        Path recording = dir.resolve("attach.jfr");
        Path go = dir.resolve("go");
        ChildJvm child = new ChildJvm().withoutAgent().withLibraries("/io/netty/")
                .jvmOption("-XX:StartFlightRecording:dumponexit=true,filename=" + recording + ",settings="
                        + ChildJvm.JFC);
        if (Runtime.version().feature() >= 21) {
            child.jvmOption("-XX:+EnableDynamicAgentLoading");
        }
        ChildJvm.Running running = child.start(NettyEpollEcho.class, go.toString());
        running.awaitLine("ready");
        AttachIT.load(running.pid(), "kernel=off");
        Files.createFile(go);
        ChildJvm.Result result = running.finish().assertSucceeded();
        assertFalse(result.stderr().contains("WARNING"), result.stderr());
        RecordedConnections recorded = RecordedConnections.read(recording);

        Connection listener = recorded.only("listener");
        assertEquals(List.of("CLOSED>LISTEN:first-seen", "LISTEN>CLOSED:close"), listener.path());
        assertConnections(recorded, listener, SERVER_FOLLOWS, CLIENT_CLOSES_FIRST);
    }

    /** Each accepted end and each client: exact path, the echo's bytes both ways, and the two ends pair up. */
    private static void assertConnections(RecordedConnections recorded, Connection listener,
                                          List<String> serverPath, List<String> clientPath) {
        List<Connection> servers = recorded.withRole("server");
        List<Connection> clients = recorded.withRole("client");
        assertEquals(NettyEpollEcho.CLIENTS, servers.size(), recorded.describe());
        assertEquals(NettyEpollEcho.CLIENTS, clients.size(), recorded.describe());
        for (Connection end : servers) {
            assertEquals(serverPath, end.path(), "server #" + end.id());
            assertEquals(listener.local(), end.local(), "accepted on the listener's port");
        }
        for (Connection end : clients) {
            assertEquals(clientPath, end.path(), "client #" + end.id());
            assertEquals(listener.local(), end.remote(), "connected to the listener");
        }
        for (Connection end : Stream.concat(servers.stream(), clients.stream()).toList()) {
            assertEquals("netty-epoll", end.socketApi(), end.role());
            assertEquals(NettyEpollEcho.MESSAGE.length, end.summary().getLong("bytesRead"), end.role() + " read");
            assertEquals(NettyEpollEcho.MESSAGE.length, end.summary().getLong("bytesWritten"),
                    end.role() + " written");
        }
        Set<String> serverTuples = servers.stream().map(s -> s.remote() + "-" + s.local()).collect(Collectors.toSet());
        Set<String> clientTuples = clients.stream().map(c -> c.local() + "-" + c.remote()).collect(Collectors.toSet());
        assertEquals(NettyEpollEcho.CLIENTS, serverTuples.size());
        assertEquals(serverTuples, clientTuples, "each client's end is one accepted end");
    }
}
