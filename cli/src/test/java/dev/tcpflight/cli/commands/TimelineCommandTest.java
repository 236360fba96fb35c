package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.cli.testing.FakeApp;
import dev.tcpflight.cli.testing.Recordings;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineCommandTest {

    @TempDir
    Path dir;

    @Test
    void rendersEveryConnection() throws Exception {
        Path file = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);

        CliRun run = CliRun.of("timeline", file.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(4, run.out().lines().filter(line -> line.startsWith("#")).count(), run.toString());
        assertTrue(run.out().contains("CLOSE_WAIT → LAST_ACK"), run.toString());
        assertEquals("", run.err());
    }

    @Test
    void portFilterKeepsConnectionsWithThatLocalOrRemotePort() throws Exception {
        Path file = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);

        CliRun run = CliRun.of("timeline", "--port", String.valueOf(FakeApp.CLIENT_PORT), file.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(Arrays.asList("#2", "#3"),
                run.out().lines().filter(line -> line.startsWith("#")).map(line -> line.split(" ")[0]).toList());
    }

    @Test
    void connectionFilterKeepsOneConnection() throws Exception {
        Path file = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);

        CliRun run = CliRun.of("timeline", "--connection", "4", file.toString());

        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("#4 client")), run.toString());
        assertEquals(1, run.out().lines().filter(line -> line.startsWith("#")).count(), run.toString());
    }

    @Test
    void saysSoWhenNothingMatches() throws Exception {
        Path file = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);

        CliRun run = CliRun.of("timeline", "--port", "1234", file.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("", run.out());
        assertEquals("tcpflight: no connection matches the filters\n", run.err());
    }
}
