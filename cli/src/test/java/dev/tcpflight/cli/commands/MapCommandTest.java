package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.cli.testing.FakeApp;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the golden outputs do not show: how labels are matched to recordings, and the filters. */
class MapCommandTest {

    @TempDir
    static Path dir;

    private static Path client;
    private static Path server;

    @BeforeAll
    static void record() throws Exception {
        client = dir.resolve("client.jfr");
        server = dir.resolve("server.jfr");
        FakeApp.twoJvms(client, server);
    }

    @Test
    void aLabelNamesTheRecordingHoweverItsPathIsWritten() {
        CliRun run = CliRun.of("map", "--label", dir.resolve(".").resolve("server.jfr") + "=db",
                client.toString(), server.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("client.jfr  db:5000"), run.toString());
    }

    @Test
    void aLabelForAFileThatIsNotReadIsAUsageError() {
        CliRun run = CliRun.of("map", "--label", "other.jfr=db", client.toString());

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("--label other.jfr=db: other.jfr is not one of the recordings to read\n"),
                run.toString());
    }

    @Test
    void noConnectionLeftByTheFiltersIsSaidOnStandardError() {
        CliRun run = CliRun.of("map", "--port", "1", client.toString(), server.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("", run.out(), run.toString());
        assertEquals("tcpflight: no connection matches the filters\n", run.err(), run.toString());
    }
}
