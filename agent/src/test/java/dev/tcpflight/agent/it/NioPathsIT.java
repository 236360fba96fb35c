package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.programs.NettyEcho;
import dev.tcpflight.agent.it.programs.NioEdgeCases;
import dev.tcpflight.agent.it.programs.SelectorLoad;
import dev.tcpflight.agent.it.programs.VirtualThreadConnections;
import dev.tcpflight.agent.it.programs.VirtualThreadEcho;
import dev.tcpflight.schema.events.Fields;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Selector load, asynchronous close, Unix-domain sockets, virtual threads and a real Netty server. */
class NioPathsIT {

    static final List<String> CLIENT_CLOSES_FIRST = List.of("CLOSED>SYN_SENT:connect",
            "SYN_SENT>ESTABLISHED:connect", "ESTABLISHED>FIN_WAIT_1:close");
    static final List<String> SERVER_FOLLOWS = List.of("LISTEN>SYN_RECEIVED:accept",
            "SYN_RECEIVED>ESTABLISHED:accept", "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close");

    @TempDir
    Path dir;

    @Test
    void selectorServerWith200ConcurrentClientsRecordsEachConnectionOnce() throws Exception {
        Path recording = dir.resolve("load.jfr");
        new ChildJvm().recordTo(recording).run(SelectorLoad.class, "200").assertSucceeded();
        RecordedConnections recorded = RecordedConnections.read(recording);

        List<Connection> clients = recorded.withRole("client");
        List<Connection> servers = recorded.withRole("server");
        assertEquals(200, clients.size());
        assertEquals(200, servers.size());
        clients.forEach(c -> assertEquals(CLIENT_CLOSES_FIRST, c.path(), "client #" + c.id()));
        servers.forEach(s -> assertEquals(SERVER_FOLLOWS, s.path(), "server #" + s.id()));
        Set<String> tuples = new HashSet<>();
        servers.forEach(s -> assertTrue(tuples.add(s.local() + "-" + s.remote()), "duplicate " + s.remote()));
        Set<String> clientEnds = new HashSet<>();
        clients.forEach(c -> clientEnds.add(c.remote() + "-" + c.local()));
        assertEquals(tuples, clientEnds, "every server connection has its client");

        // The selector loop's transitions point at the loop, not at the agent or the JDK.
        Connection server = servers.get(0);
        for (String state : List.of("ESTABLISHED", "CLOSE_WAIT", "LAST_ACK")) {
            String method = RecordedConnections.firstApplicationFrame(server.transitionTo(state)).orElseThrow()
                    .getMethod().getName();
            assertEquals("serve", method, state);
        }
    }

    @Test
    void closeFromAnotherThreadIsTheActiveCloseNotAReset() throws Exception {
        Path recording = dir.resolve("async-close.jfr");
        new ChildJvm().recordTo(recording).run(NioEdgeCases.class, "async-close").assertSucceeded();
        RecordedConnections recorded = RecordedConnections.read(recording);
        assertEquals(CLIENT_CLOSES_FIRST, recorded.only("client").path(), recorded.describe());
        assertEquals(List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"), recorded.only("server").path());
        assertEquals("main", recorded.only("client").transitionTo("FIN_WAIT_1").getThread().getJavaName());
    }

    /**
     * SO_LINGER 0 set with a channel's setOption after an earlier close: the agent, which asks the kernel for the
     * linger setting only once the application may have set it, still records each RST it sends.
     */
    @Test
    void lingerZeroSetOnAChannelIsAnAbortiveClose() throws Exception {
        Path recording = dir.resolve("linger.jfr");
        new ChildJvm().recordTo(recording).run(NioEdgeCases.class, "linger-zero").assertSucceeded();
        RecordedConnections recorded = RecordedConnections.read(recording);
        List<Connection> clients = recorded.withRole("client");
        assertEquals(2, clients.size(), recorded.describe());
        assertEquals(CLIENT_CLOSES_FIRST, clients.get(0).path(), recorded.describe());
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>CLOSED:abortive-close"), clients.get(1).path(), recorded.describe());
        assertEquals("SO_LINGER 0", clients.get(1).transitionTo("CLOSED").getString(Fields.DETAIL));
    }

    @Test
    void unixDomainSocketsAreNeverReportedAsTcp() throws Exception {
        Path recording = dir.resolve("uds.jfr");
        new ChildJvm().recordTo(recording).run(NioEdgeCases.class, "unix-domain").assertSucceeded();
        assertEquals(List.of(), RecordedConnections.read(recording).all());
    }

    @Test
    void virtualThreadsAreTracedWithoutPinning() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        Path recording = dir.resolve("vt.jfr");
        new ChildJvm().run(VirtualThreadEcho.class, ChildJvm.JFC.toAbsolutePath().toString(), recording.toString())
                .assertSucceeded();
        RecordedConnections recorded = RecordedConnections.read(recording);
        List<Connection> clients = recorded.withRole("client");
        assertEquals(VirtualThreadEcho.CLIENTS, clients.size(), recorded.describe());
        clients.forEach(c -> assertEquals(CLIENT_CLOSES_FIRST, c.path()));
        assertEquals(VirtualThreadEcho.CLIENTS / 2,
                clients.stream().filter(c -> c.socketApi().equals("SocketChannel")).count());
        List<Connection> servers = recorded.withRole("server");
        assertEquals(VirtualThreadEcho.CLIENTS, servers.size());
        servers.forEach(s -> assertEquals(SERVER_FOLLOWS, s.path()));

        // A virtual thread that needs a JDK class another thread is initialising waits pinned, whoever needed it
        // first (the JDK's own socket code needs the same classes): that one-time wait is not the agent's doing.
        // On JDK 25 such a wait can also show as a contended monitor: the program warms those paths up on platform
        // threads before it records.
        List<RecordedEvent> pinnedByAgent = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.VirtualThreadPinned"))
                .filter(e -> !e.hasField("pinnedReason")
                        || !String.valueOf(e.getString("pinnedReason")).startsWith("Waited for initialization"))
                .filter(e -> e.getStackTrace() != null && e.getStackTrace().getFrames().stream().anyMatch(
                        f -> f.getMethod().getType().getName().startsWith("dev.tcpflight.agent.")
                                && !f.getMethod().getType().getName().startsWith("dev.tcpflight.agent.it.")))
                .toList();
        assertEquals(List.of(), pinnedByAgent, "virtual threads pinned inside the agent");
    }

    @Test
    void tenThousandConcurrentConnectionsOnVirtualThreads() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        int connections = 10_000;
        Path serverRecording = dir.resolve("vt-server.jfr");
        Path clientRecording = dir.resolve("vt-client.jfr");
        ChildJvm.Running server = new ChildJvm().agentOptions("stacks=off").largeJfrBuffers().recordTo(serverRecording)
                .start(VirtualThreadConnections.class, "server", String.valueOf(connections));
        String port = server.awaitLineStartingWith("port ");
        new ChildJvm().agentOptions("stacks=off").largeJfrBuffers().recordTo(clientRecording)
                .run(VirtualThreadConnections.class, "client", String.valueOf(connections), port).assertSucceeded();
        server.finish().assertSucceeded();

        SequenceAudit clients = SequenceAudit.of(clientRecording);
        assertEquals(List.of(), clients.problems.stream().limit(10).toList());
        assertEquals(Map.of("client", connections), clients.connectionsByRole);
        assertEquals(Map.of("local-close", connections), clients.endCauses);
        SequenceAudit servers = SequenceAudit.of(serverRecording);
        assertEquals(List.of(), servers.problems.stream().limit(10).toList());
        assertEquals(Map.of("listener", 1, "server", connections), servers.connectionsByRole);
        assertEquals(connections, servers.endCauses.get("peer-close"));
    }

    @Test
    void nettyNioServerConnectionsAreEachSeenOnce() throws Exception {
        Path recording = dir.resolve("netty.jfr");
        new ChildJvm().withLibraries("/io/netty/").recordTo(recording).run(NettyEcho.class).assertSucceeded();
        RecordedConnections recorded = RecordedConnections.read(recording);
        List<Connection> servers = recorded.withRole("server");
        assertEquals(NettyEcho.CLIENTS, servers.size(), recorded.describe());
        servers.forEach(s -> {
            assertEquals(SERVER_FOLLOWS, s.path());
            assertEquals("SocketChannel", s.socketApi());
        });
        List<Connection> clients = recorded.withRole("client");
        assertEquals(NettyEcho.CLIENTS, clients.size());
        clients.forEach(c -> assertEquals(CLIENT_CLOSES_FIRST, c.path()));
        Connection listener = recorded.only("listener");
        assertEquals(List.of("CLOSED>LISTEN:listen", "LISTEN>CLOSED:close"), listener.path());
        assertEquals("ServerSocketChannel", listener.socketApi());
    }
}
