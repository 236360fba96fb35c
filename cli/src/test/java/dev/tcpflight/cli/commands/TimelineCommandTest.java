package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.cli.testing.FakeApp;
import dev.tcpflight.cli.testing.Recordings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

        assertTrue(run.out().startsWith("#4 client"), run.toString());
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

    @Test
    void missingFile() {
        Path missing = dir.resolve("missing.jfr");

        assertOneLineError("no such file: " + missing, CliRun.of("timeline", missing.toString()));
    }

    @Test
    void directory() {
        assertOneLineError(dir + " is a directory, not a .jfr recording", CliRun.of("timeline", dir.toString()));
    }

    @Test
    void notARecording() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "not a recording, just text\n".repeat(10));

        assertOneLineError(text + " is not a JDK Flight Recorder (.jfr) recording",
                CliRun.of("timeline", text.toString()));
    }

    @Test
    void emptyFile() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.jfr"));

        assertOneLineError(empty + " is not a JDK Flight Recorder (.jfr) recording",
                CliRun.of("timeline", empty.toString()));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.001, 0.5, 0.9999})
    void truncatedRecording(double keptFraction) throws Exception {
        byte[] recording = Files.readAllBytes(Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose));
        Path cut = Files.write(dir.resolve("cut.jfr"),
                Arrays.copyOf(recording, Math.max(4, (int) (recording.length * keptFraction))));

        CliRun run = CliRun.of("timeline", cut.toString());

        assertOneLineError(null, run);
        assertTrue(run.err().startsWith("tcpflight: " + cut + " is truncated or corrupt ("), run.toString());
    }

    @Test
    void recordingWithoutTcpflightEvents() throws Exception {
        Path file = Recordings.withoutTcpflightEvents(dir.resolve("other.jfr"));

        assertOneLineError("no tcpflight events in " + file
                + ": was the agent loaded (-javaagent) and tcpflight.jfc used?", CliRun.of("timeline", file.toString()));
    }

    @Test
    void everyFileIsChecked() throws Exception {
        Path good = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose);
        Path other = Recordings.withoutTcpflightEvents(dir.resolve("other.jfr"));

        CliRun run = CliRun.of("timeline", good.toString(), other.toString());

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("tcpflight: no tcpflight events in " + other), run.toString());
    }

    /** Exit code 1, nothing on stdout, one line on stderr (exactly {@code message}, unless null). */
    private static void assertOneLineError(String message, CliRun run) {
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("", run.out(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertFalse(run.err().contains("\tat "), run.toString());
        if (message != null) {
            assertEquals("tcpflight: " + message + "\n", run.err());
        }
    }
}
