package dev.tcpflight.cli.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.launch.ChildJvm;
import dev.tcpflight.cli.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code list}, {@code attach}, {@code record} and {@code watch} against a real JVM started without the agent
 * (a {@link TrafficTarget} on the JDK running the tests: run them on 17 and on 25), which makes a
 * client-closes-first connection to itself every 200 ms on loopback. The tests share that JVM and run in order:
 * before the attach, the attach, then what needs the agent.
 */
@TestMethodOrder(OrderAnnotation.class)
class AttachCommandsIT {

    @TempDir
    static Path dir;

    private static Process target;
    private static String pid;
    private static int port;

    @BeforeAll
    static void startTarget() throws Exception {
        Path classes = Path.of(TrafficTarget.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path ready = dir.resolve("ready");
        target = new ProcessBuilder(ChildJvm.javaExecutable().toString(), "-cp", classes.toString(),
                TrafficTarget.class.getName(), ready.toString(), "200", "120")
                .redirectErrorStream(true).redirectOutput(dir.resolve("target.log").toFile()).start();
        pid = Long.toString(target.pid());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(ready)) {
            assertTrue(target.isAlive() && System.nanoTime() < deadline, "the target JVM did not start: " + log());
            Thread.sleep(20);
        }
        port = Integer.parseInt(Files.readString(ready).split(" ")[1].strip());
    }

    @AfterAll
    static void stopTarget() throws InterruptedException {
        target.destroy();
        target.waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void listShowsTheTargetWithoutTheAgent() {
        CliRun run = CliRun.of("list");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().strip().startsWith("PID  JAVA"), run.toString());
        assertTrue(row(run).matches(" *" + pid + "  " + Pattern.quote(System.getProperty("java.version"))
                + " +-  +" + Pattern.quote(TrafficTarget.class.getName()) + " .*"), run.toString());
    }

    @Test
    @Order(2)
    void attachLoadsTheAgentOnceThenSaysItIsThere() {
        CliRun first = CliRun.of("attach", pid, "--options", "kernel=off");

        assertEquals(0, first.exitCode(), first.toString());
        String jvm = "JVM " + pid + " (" + TrafficTarget.class.getName() + ", Java "
                + System.getProperty("java.version") + ")";
        assertTrue(first.out().startsWith("tcpflight agent "), first.toString());
        assertTrue(first.out().lines().findFirst().orElseThrow().endsWith(" loaded into " + jvm), first.toString());
        assertEquals(Runtime.version().feature() >= 21, first.err().contains("JEP 451"), first.toString());

        CliRun second = CliRun.of("attach", pid);

        assertEquals(0, second.exitCode(), second.toString());
        assertTrue(second.out().matches("tcpflight agent \\S+ is already loaded in " + Pattern.quote(jvm)
                + ": nothing to do\\R"), second.toString());
        assertEquals("", second.err(), second.toString());
        assertFalse(log().contains("[tcpflight] WARNING"), "the agent took kernel=off: " + log());
    }

    @Test
    @Order(3)
    void listMarksTheTargetWithTheAgentVersion() {
        CliRun run = CliRun.of("list");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(row(run).matches(" *" + pid + "  \\S+ +\\d+\\.\\d+\\.\\d+\\S*  +"
                + Pattern.quote(TrafficTarget.class.getName()) + " .*"), run.toString());
    }

    @Test
    @Order(4)
    void recordWritesTheExactTransitionsOfConnectionsMadeWhileRecording() throws Exception {
        Path file = dir.resolve("recording.jfr");

        CliRun run = CliRun.of("record", pid, "--duration", "3s", "-o", file.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains(" connections, "), "a summary: " + run);
        assertTrue(run.err().contains("recorded 3"), run.toString());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".part")).toList(),
                    "no temporary file left");
        }
        TrafficPaths.Recorded recorded = TrafficPaths.read(file);
        assertTrue(recorded.complete() >= 10, recorded.complete() + " complete connections in 3 s, at one pair every"
                + " 200 ms");
        // What was open at the attach: the listener and both ends of the target's long-lived connection.
        assertTrue(recorded.openAtAttach().containsAll(List.of("listener LISTEN " + port,
                "client ESTABLISHED " + port, "server ESTABLISHED " + port)), recorded.openAtAttach().toString());
        assertFalse(tcpflightRecordingRunning(), "the recording was stopped");
    }

    @Test
    @Order(5)
    void watchPlainPrintsTheTransitionsOfAConnectionMadeWhileItRuns() throws Exception {
        CliRun run = CliRun.of("watch", "--plain", "--duration", "3s", pid);

        assertEquals(0, run.exitCode(), run.toString());
        Map<String, Long> completePaths = TrafficPaths.watched(run.out());
        assertTrue(completePaths.getOrDefault("client", 0L) >= 5 && completePaths.getOrDefault("server", 0L) >= 5,
                completePaths + " in " + run);
        assertFalse(tcpflightRecordingRunning(), "the recording was stopped");
    }

    @Test
    @Order(6)
    void recordWorksOverJmxWhereTheAttachSocketIsNotUsed() throws Exception {
        Path file = dir.resolve("over-jmx.jfr");
        System.setProperty(AttachedJvm.DIAGNOSTICS_PROPERTY, "jmx");
        CliRun run;
        try {
            run = CliRun.of("record", pid, "--duration", "1s", "-o", file.toString());
        } finally {
            System.clearProperty(AttachedJvm.DIAGNOSTICS_PROPERTY);
        }

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Files.size(file) > 0, run.toString());
        assertFalse(tcpflightRecordingRunning(), "the recording was stopped");
    }

    /** Whether JFR.check in the target lists a recording named by tcpflight. */
    private static boolean tcpflightRecordingRunning() throws Exception {
        try (AttachedJvm jvm = AgentLoader.attach(target.pid())) {
            String check = jvm.commands().execute("JFR.check");
            return check.contains("name=tcpflight");
        }
    }

    /** The one line of {@code list} for the target. */
    private static String row(CliRun run) {
        List<String> rows = run.out().lines().filter(l -> l.matches(" *" + pid + " .*")).toList();
        assertEquals(1, rows.size(), run.toString());
        return rows.get(0);
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("target.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
