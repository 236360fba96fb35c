package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.AgentInstaller;
import dev.tcpflight.agent.instrumentation.Hook;
import dev.tcpflight.agent.instrumentation.SocketInstrumentation;
import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.programs.GrpcShadedCall;
import dev.tcpflight.agent.it.programs.NettyEpollEcho;
import dev.tcpflight.schema.events.Fields;
import dev.tcpflight.schema.events.PreexistingSocketEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Netty's native epoll transport calls the kernel through JNI, never through the JDK's socket classes: its
 * connections are seen through the advice on Netty's own {@code Socket} and {@code FileDescriptor}. A Netty 4.2
 * epoll echo server and epoll clients on loopback, under the agent from the start and attached after Netty's
 * classes were loaded (every end's exact transitions, addresses and byte counts), and gRPC's relocated copy.
 */
class NettyEpollIT {

    private static final List<String> CLIENT_CLOSES_FIRST = NioPathsIT.CLIENT_CLOSES_FIRST;
    private static final List<String> SERVER_FOLLOWS = NioPathsIT.SERVER_FOLLOWS;

    @TempDir
    Path dir;

    @Test
    void epollConnectionsAreRecordedExactly() throws Exception {
        Path recording = dir.resolve("epoll.jfr");
        // kernel=off: exact JVM-side sequences, no kernel states added by timing
        ChildJvm.Result result = new ChildJvm().agentOptions("kernel=off,verbose").withLibraries("/io/netty/")
                .recordTo(recording).run(NettyEpollEcho.class).assertSucceeded();
        assertFalse(result.stderr().contains("[tcpflight] WARNING"), result.stderr());
        // Netty 4.2.18 has every method hooked: none is missing, none hooked twice.
        for (SocketInstrumentation target : AgentInstaller.LIBRARY_INSTRUMENTATIONS) {
            for (Hook hook : target.hooks()) {
                String line = "[tcpflight] hooked " + target.typeName() + "." + hook.method();
                assertEquals(1, result.stderr().lines().filter(line::equals).count(), line + "\n" + result.stderr());
            }
        }
        RecordedConnections recorded = RecordedConnections.read(recording);

        Connection listener = recorded.only("listener");
        assertEquals(List.of("CLOSED>LISTEN:listen", "LISTEN>CLOSED:close"), listener.path());
        assertEquals("netty-epoll", listener.socketApi());
        assertEquals("127.0.0.1", listener.transitions().get(0).getString(Fields.LOCAL_ADDRESS));
        assertConnections(recorded, listener.local(), SERVER_FOLLOWS, CLIENT_CLOSES_FIRST);
    }

    /**
     * Netty's classes are loaded and its server bound before the agent arrives: they are woven at the attach, and
     * every connection after the attach is seen whole.
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
        assertFalse(result.stderr().contains("[tcpflight] WARNING"), result.stderr());
        RecordedConnections recorded = RecordedConnections.read(recording);

        // As for any listener open before an attach: reported in the attach's snapshot, never first-touched.
        assertEquals(List.of(), recorded.withRole("listener"), recorded.describe());
        List<RecordedEvent> listeners = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals(PreexistingSocketEvent.NAME))
                .filter(e -> e.getString(Fields.STATE).equals("LISTEN")).toList();
        assertFalse(listeners.isEmpty(), "no listener in the attach's snapshot");
        String listening = listeners.get(0).getString(Fields.LOCAL_ADDRESS) + ":"
                + listeners.get(0).getInt(Fields.LOCAL_PORT);
        assertEquals(Set.of(listening), listeners.stream()
                .map(e -> e.getString(Fields.LOCAL_ADDRESS) + ":" + e.getInt(Fields.LOCAL_PORT))
                .collect(Collectors.toSet()));
        assertConnections(recorded, listening, SERVER_FOLLOWS, CLIENT_CLOSES_FIRST);
    }

    /**
     * The agent asks the kernel about a Netty socket through a JDK descriptor for Netty's number: a client with
     * SO_LINGER 0 is seen to close with an RST, and the server's read that meets it (Netty's native
     * "Connection reset by peer") is the reset.
     */
    @Test
    void anAbortiveCloseAndTheResetItSendsAreSeen() throws Exception {
        Path recording = dir.resolve("reset.jfr");
        ChildJvm.Result result = new ChildJvm().agentOptions("kernel=off").withLibraries("/io/netty/")
                .recordTo(recording).run(NettyEpollEcho.class, "reset").assertSucceeded();
        assertFalse(result.stderr().contains("[tcpflight] WARNING"), result.stderr());
        RecordedConnections recorded = RecordedConnections.read(recording);
        Connection client = recorded.only("client");
        Connection server = recorded.only("server");
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>CLOSED:abortive-close"), client.path(), recorded.describe());
        assertEquals("SO_LINGER 0", client.transitionTo("CLOSED").getString(Fields.DETAIL));
        assertEquals(List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                "ESTABLISHED>CLOSED:reset"), server.path(), recorded.describe());
        for (Connection end : List.of(client, server)) {
            assertEquals("reset", end.summary().getString(Fields.END_CAUSE), end.role());
            assertEquals(NettyEpollEcho.MESSAGE.length, end.summary().getLong(Fields.BYTES_READ), end.role() + " read");
            assertEquals(NettyEpollEcho.MESSAGE.length, end.summary().getLong(Fields.BYTES_WRITTEN),
                    end.role() + " written");
        }
    }

    /**
     * grpc-netty-shaded carries its own Netty, relocated to {@code io.grpc.netty.shaded.io.netty} (and of another
     * version than the application's 4.2): its epoll sockets are hooked by the end of their class names.
     */
    @Test
    void grpcsRelocatedNettyIsTracedToo() throws Exception {
        Path recording = dir.resolve("grpc.jfr");
        ChildJvm.Result result = new ChildJvm().agentOptions("kernel=off").withLibraries("/io/grpc/")
                .withLibraries("/com/google/").withLibraries("/io/perfmark/").withLibraries("/org/jspecify/")
                .recordTo(recording).run(GrpcShadedCall.class).assertSucceeded();
        assertFalse(result.stderr().contains("[tcpflight] WARNING"), result.stderr());
        RecordedConnections recorded = RecordedConnections.read(recording);
        assertEquals(List.of(), SequenceAudit.of(recording).problems, recorded.describe());

        Connection listener = recorded.only("listener");
        assertEquals(List.of("CLOSED>LISTEN:listen", "LISTEN>CLOSED:close"), listener.path());
        Connection client = recorded.only("client");
        Connection server = recorded.only("server");
        for (Connection end : List.of(listener, client, server)) {
            assertEquals("netty-epoll", end.socketApi(), end.role());
            assertNotNull(end.summary(), end.role() + " never ended");
        }
        // How HTTP/2's goodbye ends (who closes first, whether a late frame meets an RST) is up to timing; how the
        // connection opens, where it goes and what each end read of the other is not.
        assertEquals(CLIENT_CLOSES_FIRST.subList(0, 2), client.path().subList(0, 2), recorded.describe());
        assertEquals(SERVER_FOLLOWS.subList(0, 2), server.path().subList(0, 2), recorded.describe());
        assertEquals(listener.local(), client.remote());
        assertEquals(client.local(), server.remote());
        long clientRead = client.summary().getLong(Fields.BYTES_READ);
        long serverRead = server.summary().getLong(Fields.BYTES_READ);
        assertTrue(serverRead > GrpcShadedCall.REQUEST.length && clientRead > GrpcShadedCall.REQUEST.length,
                "read " + serverRead + " and " + clientRead);
        // Counted once each, not once per hooked layer: no end read more than the other wrote.
        assertTrue(serverRead <= client.summary().getLong(Fields.BYTES_WRITTEN), "server read " + serverRead);
        assertTrue(clientRead <= server.summary().getLong(Fields.BYTES_WRITTEN), "client read " + clientRead);
    }

    /** Each accepted end and each client: exact path, the echo's bytes both ways, and the two ends pair up. */
    private static void assertConnections(RecordedConnections recorded, String listening,
                                          List<String> serverPath, List<String> clientPath) {
        List<Connection> servers = recorded.withRole("server");
        List<Connection> clients = recorded.withRole("client");
        assertEquals(NettyEpollEcho.CLIENTS, servers.size(), recorded.describe());
        assertEquals(NettyEpollEcho.CLIENTS, clients.size(), recorded.describe());
        for (Connection end : servers) {
            assertEquals(serverPath, end.path(), "server #" + end.id());
            assertEquals(listening, end.local(), "accepted on the listener's port");
        }
        for (Connection end : clients) {
            assertEquals(clientPath, end.path(), "client #" + end.id());
            assertEquals(listening, end.remote(), "connected to the listener");
        }
        for (Connection end : Stream.concat(servers.stream(), clients.stream()).toList()) {
            assertEquals("netty-epoll", end.socketApi(), end.role());
            assertEquals(NettyEpollEcho.MESSAGE.length, end.summary().getLong(Fields.BYTES_READ), end.role() + " read");
            assertEquals(NettyEpollEcho.MESSAGE.length, end.summary().getLong(Fields.BYTES_WRITTEN),
                    end.role() + " written");
        }
        Set<String> serverTuples = servers.stream().map(s -> s.remote() + "-" + s.local()).collect(Collectors.toSet());
        Set<String> clientTuples = clients.stream().map(c -> c.local() + "-" + c.remote()).collect(Collectors.toSet());
        assertEquals(NettyEpollEcho.CLIENTS, serverTuples.size());
        assertEquals(serverTuples, clientTuples, "each client's end is one accepted end");
    }
}
