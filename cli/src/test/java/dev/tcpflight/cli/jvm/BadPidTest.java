package dev.tcpflight.cli.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.schema.AgentOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A PID that is no JVM: one line on stderr, exit 1, nothing on stdout, and nothing sent to the process. */
class BadPidTest {

    @ParameterizedTest
    @ValueSource(strings = {"attach", "record", "watch"})
    void aPidThatDoesNotExist(String command) throws IOException {
        String pid = Long.toString(unusedPid());

        CliRun run = CliRun.of(command, pid);

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("tcpflight: no JVM with pid " + pid + System.lineSeparator(), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aProcessThatIsNotAJvmIsLeftAlone() throws Exception {
        // The JDK's attach handshake sends SIGQUIT, which kills a process that does not handle it.
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            CliRun run = CliRun.of("attach", Long.toString(sleep.pid()));

            assertEquals(1, run.exitCode(), run.toString());
            assertEquals("tcpflight: process " + sleep.pid() + " (sleep) is not a JVM" + System.lineSeparator(),
                    run.err());
            assertEquals("", run.out());
            assertFalse(sleep.waitFor(200, TimeUnit.MILLISECONDS), "sleep is still running");
        } finally {
            sleep.destroy();
        }
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        CliRun run = CliRun.of("attach", "--verbose", Long.toString(unusedPid()));

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("\tat dev.tcpflight.cli.jvm.AgentLoader.attach"), run.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"attach", "record", "watch"})
    void aMalformedPidIsAUsageError(String command) {
        CliRun run = CliRun.of(command, "12ab");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("Invalid value for positional parameter at index 0 (PID): '12ab' is not a"
                + " process id (see tcpflight list)"), run.toString());
        assertFalse(run.err().contains("\tat "), run.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"attach", "record", "watch"})
    void aWordTheAgentDoesNotTakeIsAUsageErrorBeforeAttaching(String command) {
        CliRun run = CliRun.of(command, Long.toString(ProcessHandle.current().pid()), "--options", "stacks=maybe");

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals("agent option 'stacks=maybe' is not valid: expected on or off, not 'maybe' (known: "
                + AgentOptions.KNOWN + ")\n"
                + "Try 'tcpflight " + command + " --help' for more information.\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void onlyAttachSaysWhatTheAgentOptionsAre() {
        String attach = CliRun.of("attach", "--help").out().replaceAll("\\s+", " ");
        assertTrue(attach.contains("--options=STR The agent's options, as after -javaagent:tcpflight-agent."), attach);
        assertTrue(attach.contains("only when the agent is first loaded."), attach);
        for (String command : new String[] {"record", "watch"}) {
            String help = CliRun.of(command, "--help").out().replaceAll("\\s+", " ");
            assertTrue(help.contains("--options=STR The agent's options if it is loaded now (see tcpflight attach"
                    + " --help)."), help);
        }
    }

    @Test
    void zeroIsNoPid() {
        CliRun run = CliRun.of("attach", "0");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("'0' is not a process id"), run.toString());
    }

    /** Above the kernel's largest pid, so that no process can have it. */
    private static long unusedPid() throws IOException {
        Path pidMax = Path.of("/proc/sys/kernel/pid_max");
        // One read: a /proc/sys file gives nothing to a read at a later offset (so not Files.readString).
        return Files.isReadable(pidMax) ? Long.parseLong(Files.readAllLines(pidMax).get(0).strip()) + 1
                : Integer.MAX_VALUE;
    }
}
