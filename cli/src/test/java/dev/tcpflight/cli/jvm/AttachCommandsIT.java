package dev.tcpflight.cli.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.launch.ChildJvm;
import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.schema.events.ConnectionEvent;
import dev.tcpflight.schema.events.Fields;
import dev.tcpflight.schema.events.PreexistingSocketEvent;
import dev.tcpflight.schema.events.StateChangeEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
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

    private static final List<String> CLIENT_PATH =
            List.of("CLOSED → SYN_SENT", "SYN_SENT → ESTABLISHED", "ESTABLISHED → FIN_WAIT_1");
    private static final List<String> SERVER_PATH = List.of("LISTEN → SYN_RECEIVED", "SYN_RECEIVED → ESTABLISHED",
            "ESTABLISHED → CLOSE_WAIT", "CLOSE_WAIT → LAST_ACK");

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
        Map<Long, List<RecordedEvent>> transitions = new TreeMap<>();
        Map<Long, String> roles = new TreeMap<>();
        Set<String> openAtAttach = new TreeSet<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            if (type.equals(PreexistingSocketEvent.NAME)) {
                openAtAttach.add(event.getString(Fields.ROLE) + " " + event.getString(Fields.STATE) + " "
                        + (event.getString(Fields.ROLE).equals("client") ? event.getInt(Fields.REMOTE_PORT)
                                : event.getInt(Fields.LOCAL_PORT)));
            } else if (type.equals(StateChangeEvent.NAME)) {
                transitions.computeIfAbsent(event.getLong(Fields.CONNECTION_ID), id -> new ArrayList<>()).add(event);
            } else if (type.equals(ConnectionEvent.NAME)) {
                roles.put(event.getLong(Fields.CONNECTION_ID), event.getString(Fields.ROLE));
            }
        }
        int complete = 0;
        for (Map.Entry<Long, String> ended : roles.entrySet()) {
            List<RecordedEvent> events = transitions.getOrDefault(ended.getKey(), List.of());
            events.sort((a, b) -> Integer.compare(a.getInt(Fields.SEQUENCE), b.getInt(Fields.SEQUENCE)));
            if (events.isEmpty() || events.get(0).getInt(Fields.SEQUENCE) != 1) {
                continue; // began before the recording did
            }
            if (events.get(0).getString(Fields.TRIGGER).equals("first-seen")) {
                // open before the attach (an accept under way then): met mid-life
                assertEquals("CLOSED → ESTABLISHED", events.get(0).getString(Fields.FROM_STATE) + " → "
                        + events.get(0).getString(Fields.TO_STATE));
                continue;
            }
            List<String> path = events.stream()
                    .map(e -> e.getString(Fields.FROM_STATE) + " → " + e.getString(Fields.TO_STATE)).toList();
            List<Integer> sequences = events.stream().map(e -> e.getInt(Fields.SEQUENCE)).toList();
            List<String> expected = ended.getValue().equals("client") ? CLIENT_PATH : SERVER_PATH;
            assertEquals(expected, path, "connection " + ended.getKey() + " (" + ended.getValue() + ")");
            assertEquals(List.of(1, 2, 3, 4).subList(0, expected.size()), sequences);
            complete++;
        }
        assertTrue(complete >= 10, complete + " complete connections in 3 s, at one pair every 200 ms");
        // What was open at the attach: the listener and both ends of the target's long-lived connection.
        assertTrue(openAtAttach.containsAll(List.of("listener LISTEN " + port, "client ESTABLISHED " + port,
                "server ESTABLISHED " + port)), openAtAttach.toString());
        assertFalse(tcpflightRecordingRunning(), "the recording was stopped");
    }

    @Test
    @Order(5)
    void watchPlainPrintsTheTransitionsOfAConnectionMadeWhileItRuns() throws Exception {
        CliRun run = CliRun.of("watch", "--plain", "--duration", "3s", pid);

        assertEquals(0, run.exitCode(), run.toString());
        Pattern line = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}  #(\\d+)  (client|server)  127\\.0\\.0\\.1:\\d+"
                + " → 127\\.0\\.0\\.1:\\d+  (\\w+ → \\w+)  [\\w-]+  (api|inferred|kernel)");
        Map<String, List<String>> byConnection = new TreeMap<>();
        for (String text : run.out().lines().toList()) {
            Matcher matcher = line.matcher(text);
            assertTrue(matcher.matches(), "a transition line: '" + text + "' in " + run);
            byConnection.computeIfAbsent(matcher.group(2) + " #" + matcher.group(1), k -> new ArrayList<>())
                    .add(matcher.group(3));
        }
        Map<String, Long> completePaths = byConnection.entrySet().stream()
                .filter(e -> e.getValue().equals(e.getKey().startsWith("client") ? CLIENT_PATH : SERVER_PATH))
                .collect(Collectors.groupingBy(e -> e.getKey().split(" ")[0], Collectors.counting()));
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
