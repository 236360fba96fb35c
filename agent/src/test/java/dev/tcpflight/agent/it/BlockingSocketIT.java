package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.AgentInstaller;
import dev.tcpflight.agent.instrumentation.Hook;
import dev.tcpflight.agent.instrumentation.SocketInstrumentation;
import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.programs.ApiEcho;
import dev.tcpflight.agent.it.programs.LateRecording;
import dev.tcpflight.agent.it.programs.LoopbackEcho;
import dev.tcpflight.schema.events.Fields;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** java.net.Socket / ServerSocket under the real agent jar, in a child JVM on the JDK running the tests. */
class BlockingSocketIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "echo over {0}")
    @ValueSource(strings = {"127.0.0.1", "::1"})
    void clientClosesFirstWithEndpointsAndByteCounts(String loopback) throws Exception {
        Path recording = dir.resolve("echo.jfr");
        new ChildJvm().recordTo(recording).run(LoopbackEcho.class, loopback).assertSucceeded();
        RecordedConnections recorded = RecordedConnections.read(recording);

        Connection client = recorded.only("client");
        Connection server = recorded.only("server");
        Connection listener = recorded.only("listener");
        assertEquals(List.of("CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                "ESTABLISHED>FIN_WAIT_1:close"), client.path(), recorded.describe());
        assertEquals(List.of("LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"), server.path());
        assertEquals(List.of("CLOSED>LISTEN:listen", "LISTEN>CLOSED:close"), listener.path());

        assertEquals(client.local(), server.remote(), "client's local endpoint is the server's remote");
        assertEquals(server.local(), client.remote(), "server's local endpoint is the client's remote");
        assertNotEquals(0, client.transitions().get(0).getInt(Fields.LOCAL_PORT), "SYN_SENT carries the local port");
        assertTrue(client.local().startsWith(loopback.equals("::1") ? "0:0:0:0:0:0:0:1" : "127.0.0.1"),
                client.local());
        assertEquals("java.net.Socket", client.socketApi());
        assertEquals("java.net.ServerSocket", listener.socketApi());

        for (Connection end : List.of(client, server)) {
            assertEquals(LoopbackEcho.MESSAGE_BYTES, end.summary().getLong(Fields.BYTES_READ), end.role());
            assertEquals(LoopbackEcho.MESSAGE_BYTES, end.summary().getLong(Fields.BYTES_WRITTEN), end.role());
        }
        assertEquals("local-close", client.summary().getString(Fields.END_CAUSE));
        assertEquals("peer-close", server.summary().getString(Fields.END_CAUSE));
        assertEquals("LAST_ACK", server.summary().getString(Fields.FINAL_STATE));
        assertEquals(3, recorded.all().size(), "exactly one record per socket" + recorded.describe());
    }

    @Test
    void stackTracePointsAtTheApplicationMethod() throws Exception {
        Path recording = dir.resolve("echo.jfr");
        new ChildJvm().recordTo(recording).run(LoopbackEcho.class, "127.0.0.1").assertSucceeded();
        Connection client = RecordedConnections.read(recording).only("client");
        for (String state : List.of("SYN_SENT", "FIN_WAIT_1")) {
            RecordedConnections.Step event = client.transitionTo(state);
            RecordedFrame frame = RecordedConnections.firstApplicationFrame(event)
                    .orElseThrow(() -> new AssertionError("no application frame for " + state));
            assertEquals(LoopbackEcho.class.getName(), frame.getMethod().getType().getName(), state);
            assertEquals("client", frame.getMethod().getName(), state);
            assertEquals("main", event.getThread().getJavaName(), "the thread that made the call");
        }
    }

    @Test
    void recordingStartedAfterTheConnectionOpenedSeesItsLaterTransitions() throws Exception {
        Path recording = dir.resolve("late.jfr");
        new ChildJvm().run(LateRecording.class, ChildJvm.JFC.toAbsolutePath().toString(), recording.toString())
                .assertSucceeded();
        RecordedConnections recorded = RecordedConnections.read(recording);
        Connection client = recorded.only("client");
        Connection server = recorded.only("server");
        assertEquals(List.of("ESTABLISHED>FIN_WAIT_1:close"), client.path(), recorded.describe());
        assertEquals(3, client.transitions().get(0).getInt(Fields.SEQUENCE));
        assertEquals(List.of("ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"), server.path());
    }

    /**
     * Every hook of every hooked JDK class is woven when that class loads. A class loaded while another is being
     * transformed is never transformed itself, so this also proves the weaving loads no hooked class.
     */
    @Test
    void everyHookOfEveryJdkClassIsInstrumented() throws Exception {
        StringBuilder stderr = new StringBuilder();
        for (String api : List.of("socket", "channel", "async")) {
            stderr.append(new ChildJvm().agentOptions("verbose").run(ApiEcho.class, api, "client", "127.0.0.1")
                    .assertSucceeded().stderr());
        }
        for (SocketInstrumentation target : AgentInstaller.INSTRUMENTATIONS) {
            for (Hook hook : target.hooks()) {
                String line = "[tcpflight] hooked " + target.typeName() + "." + hook.method();
                assertTrue(stderr.toString().contains(line), line + " missing on Java " + Runtime.version() + ":\n"
                        + stderr);
            }
        }
        assertFalse(stderr.toString().contains("WARNING"), stderr.toString());
    }

    @Test
    void legacyPlainSocketImplIsNeverASilentGap() throws Exception {
        Path recording = dir.resolve("plain.jfr");
        ChildJvm.Result result = new ChildJvm().recordTo(recording).jvmOption("-Djdk.net.usePlainSocketImpl=true")
                .run(LoopbackEcho.class, "127.0.0.1").assertSucceeded();
        RecordedConnections recorded = RecordedConnections.read(recording);
        if (Runtime.version().feature() < 18) {
            assertEquals(1, count(result.stderr(), "usePlainSocketImpl is set"), result.stderr());
            assertTrue(recorded.all().isEmpty(), "legacy sockets are not traced" + recorded.describe());
        } else {
            // The property is gone since JDK 18: sockets are NioSocketImpl and traced as usual.
            assertFalse(result.stderr().contains("usePlainSocketImpl"), result.stderr());
            assertEquals(3, recorded.all().size(), recorded.describe());
        }
    }

    @Test
    void unknownAgentOptionWarnsAndTheApplicationRuns() throws Exception {
        Path recording = dir.resolve("options.jfr");
        ChildJvm.Result result = new ChildJvm().agentOptions("bogus").recordTo(recording)
                .run(LoopbackEcho.class, "127.0.0.1").assertSucceeded();
        assertEquals(1, count(result.stderr(), "agent option 'bogus' ignored"), result.stderr());
        assertEquals(3, RecordedConnections.read(recording).all().size());
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
