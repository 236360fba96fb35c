package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.cli.testing.FakeApp;
import dev.tcpflight.cli.testing.Recordings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reading command, every kind of bad input: exit code 1, one line on stderr naming the file and no stack
 * trace, nothing on stdout, and no output file (not even a partial or temporary one).
 */
class BadInputTest {

    @TempDir
    static Path dir;

    private static final List<String> COMMANDS = List.of("timeline", "ladder", "map", "summary", "report", "export");

    @BeforeAll
    static void inputs() throws IOException {
        Files.createDirectory(dir.resolve("a-directory"));
        Files.writeString(dir.resolve("notes.jfr"), "not a recording, just text\n".repeat(10));
        Files.createFile(dir.resolve("empty.jfr"));
        byte[] recording = Files.readAllBytes(Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose));
        Files.write(dir.resolve("header-only.jfr"), Arrays.copyOf(recording, 20));
        Files.write(dir.resolve("half.jfr"), Arrays.copyOf(recording, recording.length / 2));
        Files.write(dir.resolve("tail-cut.jfr"), Arrays.copyOf(recording, recording.length - 100));
        Recordings.withoutTcpflightEvents(dir.resolve("other.jfr"));
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String command : COMMANDS) {
            cases.add(Arguments.of(command, "missing.jfr", "no such file: DIR/missing.jfr"));
            cases.add(Arguments.of(command, "a-directory", "DIR/a-directory is a directory, not a .jfr recording"));
            cases.add(Arguments.of(command, "notes.jfr",
                    "DIR/notes.jfr is not a JDK Flight Recorder (.jfr) recording"));
            cases.add(Arguments.of(command, "empty.jfr",
                    "DIR/empty.jfr is not a JDK Flight Recorder (.jfr) recording"));
            cases.add(Arguments.of(command, "header-only.jfr", "DIR/header-only.jfr is truncated or corrupt ("));
            cases.add(Arguments.of(command, "half.jfr", "DIR/half.jfr is truncated or corrupt ("));
            cases.add(Arguments.of(command, "tail-cut.jfr", "DIR/tail-cut.jfr is truncated or corrupt ("));
            cases.add(Arguments.of(command, "other.jfr", "no tcpflight events in DIR/other.jfr: was the agent loaded"
                    + " (-javaagent) and tcpflight.jfc used?"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void oneLineErrorAndNoOutputFile(String command, String input, String message) throws IOException {
        Path output = dir.resolve(command + "-" + input + ".out");

        CliRun run = CliRun.of(args(command, dir.resolve(input), output));

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("", run.out(), run.toString());
        assertEquals(1, run.err().lines().count(), run.toString());
        assertFalse(run.err().contains("\tat "), run.toString());
        assertTrue(run.err().startsWith("tcpflight: " + message.replace("DIR", dir.toString())), run.toString());
        assertEquals(List.of(), leftovers(output), "no output file, partial or temporary");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void unwritableOutputIsOneLineAndLeavesNothingBehind(String command) throws IOException {
        Path output = dir.resolve("no-such-directory").resolve("out");

        CliRun run = CliRun.of(args(command, dir.resolve("app.jfr"), output));

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("tcpflight: cannot write " + output + ": no such directory\n", run.err());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void anExistingOutputFileIsKeptWhenReadingFails(String command) throws IOException {
        Path output = Files.writeString(dir.resolve(command + "-kept.out"), "the previous report");

        CliRun run = CliRun.of(args(command, dir.resolve("half.jfr"), output));

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("the previous report", Files.readString(output));
        assertEquals(List.of(output), leftovers(output));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readers")
    void aBadFileAmongGoodOnesFailsTheCommand(String command) {
        CliRun run = CliRun.of(command, dir.resolve("app.jfr").toString(), dir.resolve("other.jfr").toString());

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("tcpflight: no tcpflight events in " + dir.resolve("other.jfr")),
                run.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void anOutputFileThatIsARecordingToReadIsAUsageError(String command) throws IOException {
        Path recording = dir.resolve("app.jfr");
        long size = Files.size(recording);

        CliRun run = CliRun.of(command, recording.toString(), "-o", recording.toString());

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith(recording + " is one of the recordings to read: write to another file\n"),
                run.toString());
        assertEquals(size, Files.size(recording));
    }

    static Stream<String> readers() {
        return Stream.of("timeline", "ladder", "map", "summary");
    }

    static Stream<String> writers() {
        return Stream.of("report", "export");
    }

    /** report needs -o; export is given one too, so that every command is checked for a partial file. */
    private static String[] args(String command, Path input, Path output) {
        return command.equals("report") || command.equals("export")
                ? new String[] {command, input.toString(), "-o", output.toString()}
                : new String[] {command, input.toString()};
    }

    private static List<Path> leftovers(Path output) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(output.getFileName().toString())).toList();
        }
    }
}
