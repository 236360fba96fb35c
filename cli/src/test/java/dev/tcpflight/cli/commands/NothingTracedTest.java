package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.fake.FakeKernelLook;
import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.cli.testing.FakeApp;
import dev.tcpflight.cli.testing.Recordings;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three recordings that show no traced connection, told apart: no agent (no tcpflight event at all), the agent
 * loaded but nothing seen (its socket counts only), and sockets seen only by the kernel.
 */
class NothingTracedTest {

    private static final String IO_URING = "io.netty.channel.uring.LinuxSocket";

    @TempDir
    Path dir;

    @Test
    void noAgentIsAnError() throws Exception {
        Path file = Recordings.withoutTcpflightEvents(dir.resolve("none.jfr"));
        for (String command : new String[] {"timeline", "summary"}) {
            CliRun run = CliRun.of(command, file.toString());
            assertEquals(1, run.exitCode(), run.toString());
            assertEquals("tcpflight: no tcpflight events in " + file + ": was the agent loaded (-javaagent) and"
                    + " tcpflight.jfc used?\n", run.err(), run.toString());
        }
    }

    @Test
    void agentLoadedNothingSeenSaysSo() throws Exception {
        Path file = Recordings.recordWithLooks(dir.resolve("quiet.jfr"), () -> {
            FakeKernelLook.socketStates();
            FakeKernelLook.socketStates();
        });
        String message = "tcpflight: no connection traced in " + file + ": the agent was loaded but saw no TCP"
                + " connection\n";

        CliRun timeline = CliRun.of("timeline", file.toString());
        assertEquals(0, timeline.exitCode(), timeline.toString());
        assertEquals("", timeline.out());
        assertEquals(message, timeline.err());

        CliRun summary = CliRun.of("summary", file.toString());
        assertEquals(0, summary.exitCode(), summary.toString());
        assertEquals(message, summary.err());
        assertTrue(summary.out().startsWith("0 connections, 0 transitions in quiet.jfr"), summary.toString());
        assertFalse(summary.out().contains("seen only by the kernel"), summary.toString());
    }

    @Test
    void socketsSeenOnlyByTheKernelAreNamedAndListed() throws Exception {
        Path file = Recordings.recordWithLooks(dir.resolve("unseen.jfr"), () -> {
            FakeKernelLook.socketStates();
            FakeKernelLook.untracedTransport("Netty io_uring", IO_URING);
            FakeKernelLook.inheritedClient(3, 50538, 41539);
        });

        CliRun timeline = CliRun.of("timeline", file.toString());
        assertEquals(0, timeline.exitCode(), timeline.toString());
        assertEquals("tcpflight: no connection traced in " + file + ", but 1 TCP socket of the process seen only by"
                + " the kernel: no hook saw them (tcpflight summary lists them); the agent could not trace Netty"
                + " io_uring (" + IO_URING + ")\n", timeline.err());

        CliRun summary = CliRun.of("summary", file.toString());
        assertEquals(0, summary.exitCode(), summary.toString());
        assertTrue(summary.out().contains("\nSockets seen only by the kernel (1): no hook saw them; states as the"
                + " agent's periodic looks found them\n"
                + "  role    local → remote                     fd  states                    why unseen\n"
                + "  client  127.0.0.1:50538 → 127.0.0.1:41539   3  ESTABLISHED → CLOSE_WAIT  unhooked\n"
                + "  not traced by the agent: Netty io_uring (" + IO_URING + ")\n"), summary.toString());
    }

    @Test
    void besideTracedConnectionsTheTimelineNotesTheKernelOnlyOnes() throws Exception {
        Path file = Recordings.recordWithLooks(dir.resolve("both.jfr"), () -> {
            FakeApp.handshakeAndClose();
            FakeKernelLook.inheritedClient(3, 50538, 41539);
        });

        CliRun timeline = CliRun.of("timeline", file.toString());
        assertEquals(0, timeline.exitCode(), timeline.toString());
        assertEquals(4, timeline.out().lines().filter(line -> line.startsWith("#")).count(), timeline.toString());
        assertEquals("tcpflight: also 1 TCP socket seen only by the kernel, not shown: no hook saw them (tcpflight"
                + " summary lists them)\n", timeline.err());
    }
}
