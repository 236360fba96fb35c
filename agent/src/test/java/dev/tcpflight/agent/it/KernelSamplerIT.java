package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.programs.LoopbackEcho;
import dev.tcpflight.demo.DemoMain;
import dev.tcpflight.schema.events.Fields;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel sampler (Linux): after the JVM's last call, the states only the kernel sees are recorded with
 * source {@code kernel} (or {@code inferred} for a state too short-lived to be caught between two looks).
 */
class KernelSamplerIT {

    @TempDir
    Path dir;

    @Test
    void activeAndPassiveCloseContinueInTheKernel() throws Exception {
        RecordedConnections recorded = record("handshake-and-close");
        Connection client = recorded.only("client");
        Connection server = recorded.only("server");
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect", "ESTABLISHED>FIN_WAIT_1:close",
                "FIN_WAIT_1>FIN_WAIT_2:kernel", "FIN_WAIT_2>TIME_WAIT:kernel"), client.path(), recorded.describe());
        assertEquals("kernel", client.transitionTo("TIME_WAIT").getString(Fields.SOURCE));
        assertEquals(List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close", "LAST_ACK>CLOSED:kernel"),
                server.path());
        RecordedConnections.Step closed = server.transitionTo("CLOSED");
        assertEquals("kernel", closed.getString(Fields.SOURCE));
        assertEquals(5, closed.getInt(Fields.SEQUENCE), "kernel transitions continue the connection's sequence");
    }

    @Test
    void finWait2IsSeenWhileThePeerHasNotClosed() throws Exception {
        RecordedConnections recorded = record("close-wait-leak");
        List<Connection> clients = recorded.withRole("client");
        assertEquals(5, clients.size());
        for (Connection client : clients) {
            // The server never closes: the clients wait in FIN_WAIT_2, long enough to be seen there.
            assertEquals("FIN_WAIT_1>FIN_WAIT_2:kernel", client.path().get(client.path().size() - 1));
            assertEquals("kernel", client.transitionTo("FIN_WAIT_2").getString(Fields.SOURCE));
        }
    }

    /**
     * The program exits as soon as both ends are closed and the kernel has dropped the server's end, before the
     * sampler's schedule would look again: its last look, made as the recording's last chunk ends, still records
     * the states the kernel reached by then.
     */
    @Test
    void theLastLookAtExitRecordsTheStatesReachedByThen() throws Exception {
        Path recording = dir.resolve("exit.jfr");
        new ChildJvm().agentOptions("kernel=on").recordTo(recording).run(LoopbackEcho.class, "127.0.0.1",
                LoopbackEcho.UNTIL_CLOSED).assertSucceeded();
        RecordedConnections recorded = RecordedConnections.read(recording);
        List<String> client = recorded.only("client").path();
        List<String> server = recorded.only("server").path();
        assertTrue(client.get(client.size() - 1).endsWith(">TIME_WAIT:kernel"), recorded.describe());
        assertEquals("LAST_ACK>CLOSED:kernel", server.get(server.size() - 1), recorded.describe());
    }

    @Test
    void switchedOffItRecordsOnlyWhatTheJvmSees() throws Exception {
        Path recording = dir.resolve("off.jfr");
        new ChildJvm().recordTo(recording).run(DemoMain.class, "handshake-and-close").assertSucceeded();
        RecordedConnections recorded = RecordedConnections.read(recording);
        assertTrue(recorded.all().stream().flatMap(c -> c.path().stream()).noneMatch(t -> t.endsWith(":kernel")),
                recorded.describe());
    }

    private RecordedConnections record(String scenario) throws Exception {
        Path recording = dir.resolve(scenario + ".jfr");
        new ChildJvm().agentOptions("kernel=on").recordTo(recording).run(DemoMain.class, scenario).assertSucceeded();
        return RecordedConnections.read(recording);
    }
}
