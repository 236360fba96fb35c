package dev.tcpflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.testing.CliRun;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TcpflightCliTest {

    @Test
    void helpListsEverySubcommandWithItsOneLineDescription() {
        CliRun run = CliRun.of("--help");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Usage: tcpflight [-hV] [--verbose] [--color=WHEN] [COMMAND]"), run.toString());
        for (String command : List.of("demo", "timeline", "ladder", "summary", "report", "export")) {
            assertTrue(run.out().lines().anyMatch(line -> line.matches("  " + command + " +[A-Z].*\\.")),
                    command + " with its one-line description in:\n" + run);
        }
        assertTrue(run.out().contains("\nExit codes:\n  0   success\n"), run.toString());
        assertEquals("", run.err());
    }

    @Test
    void versionNamesTcpflightAndTheJvm() {
        CliRun run = CliRun.of("--version");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("tcpflight "), run.toString());
        assertTrue(run.out().contains("Java " + Runtime.version()), run.toString());
    }

    @Test
    void usageErrorsExitWith2() {
        assertEquals(2, CliRun.of("--no-such-option").exitCode());
        assertEquals(2, CliRun.of("no-such-command").exitCode());
        assertEquals(2, CliRun.of("timeline").exitCode());
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of("unknown option", List.of("timeline", "--no-such-option", "app.jfr"),
                        "Unknown option: '--no-such-option'"),
                Arguments.of("missing parameter", List.of("timeline"), "Missing required parameter: 'FILE'"),
                Arguments.of("bad value", List.of("timeline", "--limit", "many", "app.jfr"),
                        "Invalid value for option '--limit': 'many' is not an int"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void aUsageErrorIsTheMessageAndWhereTheHelpIs(String name, List<String> args, String message) {
        CliRun run = CliRun.of(args.toArray(String[]::new));

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(message + "\nTry 'tcpflight timeline --help' for more information.\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void aMistypedCommandGetsPicocliSuggestions() {
        CliRun run = CliRun.of("timelime", "app.jfr");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("Unmatched arguments from index 0: 'timelime', 'app.jfr'\n"), run.toString());
        assertTrue(run.err().contains("timeline"), run.toString());
        assertTrue(run.err().endsWith("\nTry 'tcpflight --help' for more information.\n"), run.toString());
        assertFalse(run.err().contains("Usage:"), run.toString());
    }

    @Test
    void withoutSubcommandShowsUsage() {
        CliRun run = CliRun.of();

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("Missing subcommand\nUsage: tcpflight"), run.toString());
    }

    @Test
    void verboseAddsTheStackTraceToTheOneLineError() {
        CliRun quiet = CliRun.of("timeline", "missing.jfr");
        CliRun verbose = CliRun.of("timeline", "--verbose", "missing.jfr");
        CliRun verboseFirst = CliRun.of("--verbose", "timeline", "missing.jfr");

        assertEquals("tcpflight: no such file: missing.jfr\n", quiet.err());
        assertEquals(1, verbose.exitCode());
        assertTrue(verbose.err().startsWith("tcpflight: no such file: missing.jfr\n"), verbose.toString());
        assertTrue(verbose.err().contains("\tat dev.tcpflight.cli."), verbose.toString());
        assertTrue(verboseFirst.err().contains("\tat dev.tcpflight.cli."), verboseFirst.toString());
    }

    @Test
    void unexpectedErrorsAreOneLineToo() {
        StringWriter err = new StringWriter();
        picocli.CommandLine commandLine = TcpflightCli.commandLine().setErr(new PrintWriter(err));

        int exitCode = new ErrorReporter().handleExecutionException(
                new IllegalStateException("boom"), commandLine, commandLine.parseArgs());

        assertEquals(1, exitCode);
        assertEquals("tcpflight: unexpected error: java.lang.IllegalStateException: boom "
                + "(run with --verbose for details)\n", err.toString());
    }
}
