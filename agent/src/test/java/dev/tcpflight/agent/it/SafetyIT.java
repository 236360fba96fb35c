package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.agent.it.programs.LoopbackEcho;
import dev.tcpflight.agent.it.programs.ManyConnections;
import dev.tcpflight.agent.it.programs.SecretEcho;
import dev.tcpflight.schema.events.Fields;
import dev.tcpflight.schema.events.StateChangeEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent never hurts the application it watches: faults, leaks, load, privacy, options. */
class SafetyIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"exception", "error"})
    void internalFaultsNeverReachTheApplication(String kind) throws Exception {
        Path recording = dir.resolve("fault.jfr");
        ChildJvm.Result result = new ChildJvm().jvmOption("-Dtcpflight.test.fault=" + kind + ":client")
                .recordTo(recording).run(LoopbackEcho.class, "127.0.0.1").assertSucceeded();
        assertEquals(1, result.stderr().lines().filter(l -> l.contains("[tcpflight] WARNING: internal error"))
                .count(), "one warning, the rest counted:\n" + result.stderr());
        RecordedConnections recorded = RecordedConnections.read(recording);
        assertTrue(recorded.withRole("client").isEmpty(), "the faulty socket's events are lost" + recorded.describe());
        assertEquals(4, recorded.only("server").path().size(), "other sockets are still recorded");
        assertEquals(2, recorded.only("listener").path().size());
    }

    @Test
    void payloadBytesAreNeverRecordedAndTheAgentOpensNoSocketAndWritesNoFile() throws Exception {
        Path recording = dir.resolve("privacy.jfr");
        ChildJvm.Result result = new ChildJvm().recordTo(recording).run(SecretEcho.class).assertSucceeded();
        String secret = result.stdout().lines().filter(l -> l.startsWith("secret: ")).findFirst().orElseThrow()
                .substring("secret: ".length());
        assertTrue(result.stdout().contains("network sockets before the application opened any: 0"), result.stdout());
        String raw = new String(Files.readAllBytes(recording), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains(secret), "the secret is in the recording");
        assertEquals(2, RecordedConnections.read(recording).withRole("client").size()
                + RecordedConnections.read(recording).withRole("server").size());

        Path work = Files.createDirectory(dir.resolve("work"));
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        new ChildJvm().workingDirectory(work).jvmOption("-Djava.io.tmpdir=" + tmp)
                .run(SecretEcho.class).assertSucceeded();
        try (Stream<Path> left = Stream.concat(Files.list(work), Files.list(tmp))) {
            assertEquals(List.of(), left.toList(), "files written by the agent");
        }
    }

    @Test
    void stackTracesCanBeSwitchedOff() throws Exception {
        Path recording = dir.resolve("nostacks.jfr");
        new ChildJvm().agentOptions("stacks=off").recordTo(recording).run(LoopbackEcho.class, "127.0.0.1")
                .assertSucceeded();
        List<RecordedEvent> transitions = RecordingFile.readAllEvents(recording).stream()
                .filter(e -> e.getEventType().getName().equals(StateChangeEvent.NAME)).toList();
        assertEquals(7, transitions.size(), "9 transitions: a connect's two and an accept's two share one event each");
        transitions.forEach(e -> assertNull(e.getStackTrace(), "stack trace recorded"));
    }

    @Test
    void portFilterTracksOnlyTheChosenPorts() throws Exception {
        Path recording = dir.resolve("ports.jfr");
        // LoopbackEcho's ports are ephemeral: a filter on an unused port records nothing of it.
        new ChildJvm().agentOptions("ports=1").recordTo(recording).run(LoopbackEcho.class, "127.0.0.1")
                .assertSucceeded();
        assertEquals(List.of(), RecordedConnections.read(recording).all());
    }

    @Test
    void churnLeavesNoTrackedSocketNoHeapGrowthAndReportsLeaksOnce() throws Exception {
        int connections = 200_000;
        Path recording = dir.resolve("churn.jfr");
        ChildJvm.Result result = new ChildJvm().agentOptions("stacks=off").jvmOption("-Xmx256m")
                .largeJfrBuffers().recordTo(recording).run(ManyConnections.class, "churn", String.valueOf(connections))
                .assertSucceeded();
        long before = heapLine(result.stdout(), "heap used after warm-up: ");
        long after = heapLine(result.stdout(), "heap used after churn: ");
        assertTrue(after - before < 4 * 1024 * 1024, "heap grew from " + before + " to " + after);

        SequenceAudit audit = SequenceAudit.of(recording);
        assertEquals(List.of(), audit.problems);
        int made = 2_000 + connections + ManyConnections.DROPPED + 1;
        assertEquals(made, audit.connectionsByRole.get("client"));
        assertEquals(made, audit.connectionsByRole.get("server"));
        assertEquals(ManyConnections.DROPPED, audit.endCauses.get("leaked"), audit.endCauses.toString());
        assertEquals(0, audit.lastTrackedCount, "sockets still tracked after the last close (listener aside)");
        assertEquals(0, audit.lastAgentErrors);
    }

    @Test
    void leakedSocketsPointAtWhereTheyWereOpened() throws Exception {
        Path recording = dir.resolve("leak.jfr");
        new ChildJvm().recordTo(recording).run(ManyConnections.class, "churn", "0").assertSucceeded();
        RecordedConnections recorded = RecordedConnections.read(recording);
        List<Connection> leaked = recorded.all().stream()
                .filter(c -> c.summary() != null && c.summary().getString(Fields.END_CAUSE).equals("leaked")).toList();
        assertEquals(ManyConnections.DROPPED, leaked.size());
        for (Connection connection : leaked) {
            RecordedFrame opened = RecordedConnections.firstApplicationFrame(connection.transitions().get(0))
                    .orElseThrow();
            assertEquals("openLeakedClient", opened.getMethod().getName());
        }
    }

    @Test
    void sixtyFourThreadsTimesAThousandConnectionsKeepValidSequences() throws Exception {
        Path recording = dir.resolve("threads.jfr");
        new ChildJvm().agentOptions("stacks=off").largeJfrBuffers().recordTo(recording)
                .run(ManyConnections.class, "threads", "64", "1000").assertSucceeded();
        SequenceAudit audit = SequenceAudit.of(recording);
        assertEquals(List.of(), audit.problems.stream().limit(10).toList());
        assertEquals(Map.of("client", 64_000, "listener", 4, "server", 64_000), audit.connectionsByRole);
        assertEquals(0, audit.lastAgentErrors);
    }

    private static long heapLine(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).map(l -> Long.parseLong(l.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + prefix + "' in " + output));
    }
}
