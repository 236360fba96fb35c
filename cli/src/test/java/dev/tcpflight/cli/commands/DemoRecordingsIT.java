package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.cli.testing.DemoRecordings;
import dev.tcpflight.cli.testing.JsonCheck;
import dev.tcpflight.cli.testing.LadderArrows;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every command on recordings of the real demo scenarios, made under the real agent: the lines that matter. */
class DemoRecordingsIT {

    private static final String HANDSHAKE = "handshake-and-close";

    @Test
    void timelineShowsEachEndWithItsLaneAndTransitions() {
        String out = run("timeline", DemoRecordings.of(HANDSHAKE).toString());

        assertTrue(out.startsWith("lanes: 60 columns of "), out);
        assertTrue(Pattern.compile("(?m)^#2 client 127\\.0\\.0\\.1:\\d+ → 127\\.0\\.0\\.1:\\d+"
                + "  java\\.net\\.Socket  main\\n"
                + "  \\| *[s=12t]+ *\\|$").matcher(out).find(), out); // a short state can be narrower than a column
        for (String transition : List.of("CLOSED → SYN_SENT", "SYN_SENT → ESTABLISHED", "ESTABLISHED → FIN_WAIT_1",
                "LISTEN → SYN_RECEIVED", "ESTABLISHED → CLOSE_WAIT", "CLOSE_WAIT → LAST_ACK")) {
            assertTrue(out.contains(transition), transition + " in:\n" + out);
        }
    }

    @Test
    void ladderOfOneJvmDrawsTheTextbookHandshakeAndClose() {
        String out = run("ladder", DemoRecordings.of(HANDSHAKE).toString());

        assertTrue(Pattern.compile("^#2 client 127\\.0\\.0\\.1:\\d+  ⇄  #3 server 127\\.0\\.0\\.1:\\d+\\n").matcher(out)
                .find(), out);
        LadderArrows.assertHandshakeAndClose(out);
        assertTrue(out.endsWith("(1 listener not drawn: a listening socket has no other end)\n"), out);
    }

    @Test
    void ladderOfAResetAndARefusedConnect() {
        String reset = run("ladder", DemoRecordings.of("reset").toString());
        String refused = run("ladder", DemoRecordings.of("refused").toString());

        assertEquals(List.of("SYN→", "←SYN+ACK", "ACK→", "RST→"), LadderArrows.of(reset), reset);
        assertEquals(List.of("SYN→", "←RST"), LadderArrows.of(refused), refused);
        assertTrue(refused.contains("(the other end is not in the recordings)"), refused);
    }

    @Test
    void summaryFindsTheAnomalyEachScenarioTeaches() {
        assertTrue(run("summary", DemoRecordings.of(HANDSHAKE).toString()).endsWith("\nAnomalies: none\n"));
        assertAnomaly("close-wait-leak", "CLOSE_WAIT held (5) at ", "until the recording ended, never closed");
        assertAnomaly("idle-pool", "CLOSE_WAIT held (1) at IdlePoolScenario.run", "peer's FIN never read;"
                + " connection opened here");
        assertAnomaly("reset", "reset (1) at ResetScenario", "RST sent in ESTABLISHED (SO_LINGER 0)");
        assertAnomaly("reset", "reset (1) at ResetScenario", "RST received in ESTABLISHED: java.net.SocketException");
        assertAnomaly("refused", "connect refused (1) at ", "refused: java.net.ConnectException: Connection refused");
        assertAnomaly("time-wait-pileup", "TIME_WAIT pile-up (1) at TimeWaitPileupScenario", "active closes to");
    }

    @Test
    void summaryCountsRolesAndStates() {
        String out = run("summary", DemoRecordings.of(HANDSHAKE).toString());

        // 9 transitions seen in JDK calls, and as many as 3 more if the agent's kernel sampler saw the close end.
        assertTrue(Pattern.compile("^3 connections, (9|1[0-2]) transitions in handshake-and-close\\.jfr \\(")
                .matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^  client +(FIN_WAIT_1|FIN_WAIT_2|TIME_WAIT) +local-close +1$").matcher(out)
                .find(), out);
        assertTrue(Pattern.compile("(?m)^  server +(LAST_ACK|CLOSED) +peer-close +1$").matcher(out).find(), out);
        assertTrue(Pattern.compile("(?m)^  ESTABLISHED +2 ").matcher(out).find(), out);
    }

    @Test
    void exportsAreValidJsonWithEveryTransitionAndSpan() throws Exception {
        Path file = DemoRecordings.of(HANDSHAKE);
        List<ConnectionTimeline> connections = RecordingReader.open(List.of(file)).readAll();
        List<String> lines = run("export", file.toString()).lines().toList();
        Object trace = JsonCheck.parse(run("export", "--format", "chrome-trace", file.toString()));

        lines.forEach(JsonCheck::parse);
        assertEquals(connections.stream().mapToLong(c -> c.transitions().size() + 1).sum(), lines.size(),
                "a line per transition and per end");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> events = (List<Map<String, Object>>) ((Map<String, Object>) trace).get("traceEvents");
        assertEquals(connections.stream().mapToLong(c -> c.spans().size()).sum(),
                events.stream().filter(e -> "X".equals(e.get("ph"))).count(), "a span per state: " + events);
    }

    private static void assertAnomaly(String scenario, String group, String evidence) {
        String out = run("summary", DemoRecordings.of(scenario).toString());
        String anomalies = out.substring(out.indexOf("\nAnomalies"));
        assertTrue(anomalies.contains("\n  " + group), group + " in:\n" + out);
        assertTrue(anomalies.contains(evidence), evidence + " in:\n" + out);
    }

    private static String run(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.toString());
        return run.out();
    }
}
