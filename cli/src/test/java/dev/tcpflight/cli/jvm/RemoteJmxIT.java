package dev.tcpflight.cli.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.launch.Distribution;
import dev.tcpflight.cli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18: {@code record} and {@code watch} over remote JMX, against a {@link TrafficTarget} started with the
 * agent and the JDK's own JMX agent on 127.0.0.1 with password authentication; and the three ways it can fail
 * (wrong password, nothing listening, a JVM without the agent), each one line and exit 1.
 */
class RemoteJmxIT {

    private static final String USER = "controlRole"; // read-write in the JDK's default access file
    private static final String PASSWORD = "s3cret-for-test";

    @TempDir
    static Path dir;

    private static JmxTargets targets;
    private static int withAgent;
    private static int withoutAgent;
    private static Path credentials;

    @BeforeAll
    static void startTargets() throws Exception {
        Path passwords = Files.writeString(dir.resolve("jmxremote.password"), USER + " " + PASSWORD + "\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------")); // the JDK insists
        credentials = Files.writeString(dir.resolve("credentials"), USER + " " + PASSWORD + "\n");
        targets = new JmxTargets(dir);
        withAgent = JmxTargets.freePort();
        targets.start("with-agent", withAgent, List.of("-javaagent:" + Distribution.current().agentJar(),
                "-Dcom.sun.management.jmxremote.authenticate=true",
                "-Dcom.sun.management.jmxremote.password.file=" + passwords));
        withoutAgent = JmxTargets.freePort();
        targets.start("without-agent", withoutAgent, List.of("-Dcom.sun.management.jmxremote.authenticate=false"));
    }

    @AfterAll
    static void stopTargets() throws InterruptedException {
        targets.close();
    }

    @Test
    void recordOverJmxWritesTheExactTransitions() throws Exception {
        Path file = dir.resolve("over-jmx.jfr");

        CliRun run = CliRun.of("record", "--jmx", "127.0.0.1:" + withAgent, "--jmx-credentials",
                credentials.toString(), "--duration", "3s", "-o", file.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("recording the JVM at 127.0.0.1:" + withAgent + " ("
                + TrafficTarget.class.getName()), run.toString());
        assertTrue(run.out().contains(" connections, "), "a summary: " + run);
        TrafficPaths.Recorded recorded = TrafficPaths.read(file);
        assertTrue(recorded.complete() >= 10, recorded.complete() + " complete connections in 3 s, at one pair every"
                + " 200 ms");
    }

    @Test
    void watchOverJmxPrintsTheTransitionsAndNotItsOwnConnection() {
        CliRun run = CliRun.of("watch", "--jmx", "127.0.0.1:" + withAgent, "--jmx-credentials",
                credentials.toString(), "--plain", "--duration", "3s");

        assertEquals(0, run.exitCode(), run.toString());
        Map<String, Long> complete = TrafficPaths.watched(run.out()); // every line one of the target's
        assertTrue(complete.getOrDefault("client", 0L) >= 5 && complete.getOrDefault("server", 0L) >= 5,
                complete + " in " + run);
        assertTrue(!run.out().contains(":" + withAgent + " "), "tcpflight's own JMX connection is not shown: " + run);
    }

    @Test
    void aWrongPasswordIsOneLine() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong"), USER + " not-the-password\n");

        CliRun run = CliRun.of("record", "--jmx", "127.0.0.1:" + withAgent, "--jmx-credentials", wrong.toString(),
                "--duration", "1s", "-o", dir.resolve("never.jfr").toString());

        assertOneLineFailure(run, "tcpflight: JMX at 127.0.0.1:" + withAgent + " refused the credentials given");
        assertTrue(!Files.exists(dir.resolve("never.jfr")), run.toString());
    }

    @Test
    void nothingListeningIsOneLine() throws Exception {
        CliRun run = CliRun.of("watch", "--jmx", "127.0.0.1:" + JmxTargets.freePort(), "--plain", "--duration",
                "1s");

        assertOneLineFailure(run, "tcpflight: cannot reach JMX at 127.0.0.1:");
    }

    @Test
    void aJvmWithoutTheAgentIsOneLine() {
        CliRun run = CliRun.of("record", "--jmx", "127.0.0.1:" + withoutAgent, "--duration", "1s", "-o",
                dir.resolve("none.jfr").toString());

        assertOneLineFailure(run, "tcpflight: the JVM at 127.0.0.1:" + withoutAgent
                + " does not run the tcpflight agent");
    }

    @Test
    void attachAndOptionsAreUsageErrorsOverJmx() {
        CliRun attach = CliRun.of("attach", "--jmx", "127.0.0.1:" + withAgent); // an agent is not loaded over JMX
        assertEquals(2, attach.exitCode(), attach.toString());
        assertTrue(attach.err().contains("Try 'tcpflight attach --help'"), attach.toString());

        CliRun options = CliRun.of("record", "--jmx", "127.0.0.1:" + withAgent, "--jmx-credentials",
                credentials.toString(), "--options", "stacks=off");
        assertEquals(2, options.exitCode(), options.toString());
        assertTrue(options.err().contains("with --jmx the agent must run already"), options.toString());
    }

    private static void assertOneLineFailure(CliRun run, String start) {
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertTrue(run.err().startsWith(start), run.toString());
    }
}
