package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.cli.testing.FakeApp;
import dev.tcpflight.cli.testing.Recordings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The filters every reading command shares (RecordingOptions), through the command line. */
class FilterOptionsTest {

    @TempDir
    static Path dir;

    private static String app;

    @BeforeAll
    static void record() throws Exception {
        app = Recordings.record(dir.resolve("app.jfr"), FakeApp::handshakeAndClose).toString();
    }

    @Test
    void stateIsCaseInsensitiveAndRepeatable() {
        assertEquals(List.of("#3"), connections("timeline", "--state", "close_wait", app));
        assertEquals(List.of("#1", "#3"), connections("timeline", "--state", "LISTEN,CLOSE_WAIT", app));
    }

    @Test
    void hostTakesAddressesInAnySpellingAndNames() {
        assertEquals(4, connections("timeline", "--host", "127.0.0.1", app).size());
        assertEquals(4, connections("timeline", "--host", "localhost", app).size());
        assertEquals(List.of(), connections("timeline", "--host", "10.1.2.3", app));
    }

    @Test
    void sinceAndUntilTakeDurationsFromTheRecordingsStartOrInstants() {
        assertEquals(4, connections("timeline", "--since", "0s", "--until", "1h", app).size());
        assertEquals(List.of(), connections("timeline", "--since", "1h", app));
        assertEquals(List.of(), connections("timeline", "--until", "2000-01-01T00:00:00Z", app));
        assertEquals(4, connections("timeline", "--since", "2000-01-01T00:00:00+01:00", app).size());
    }

    @Test
    void limitKeepsTheFirstToStart() {
        assertEquals(List.of("#1", "#2"), connections("timeline", "--limit", "2", app));
        assertEquals(List.of("#2"), connections("timeline", "--limit", "1", "--port", "50123", app));
    }

    @Test
    void ladderFiltersPairsSoThatAConnectionComesWithItsPeer() {
        CliRun run = CliRun.of("ladder", "--connection", "3", app);

        assertTrue(run.out().startsWith("#2 client 127.0.0.1:50123  ⇄  #3 server 127.0.0.1:5000\n"), run.toString());
        assertTrue(run.out().endsWith("(1 listener not drawn: a listening socket has no other end)\n")
                || !run.out().contains("#4"), run.toString());
    }

    @Test
    void summaryCountsOnlyWhatPassesTheFilters() {
        CliRun run = CliRun.of("summary", "--port", "1", app);

        assertTrue(run.out().startsWith("1 connections, 2 transitions in app.jfr"), run.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--since=1.5", "--until=yesterday", "--state=OPEN", "--limit=0", "--port=x",
        "--close-wait-threshold=5"})
    void badValuesAreUsageErrors(String option) {
        CliRun run = CliRun.of("summary", option, app);

        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(2, run.err().lines().count(), run.toString());
        assertTrue(run.err().endsWith("\nTry 'tcpflight summary --help' for more information.\n"), run.toString());
    }

    @Test
    void badValuesSayWhatIsExpected() {
        assertTrue(CliRun.of("timeline", "--since", "1.5", app).err().startsWith("Invalid value for option"
                + " '--since': '1.5' is not a duration: give a number and a unit, as in 1.5s, 250ms, 2m or 1h\n"));
        assertTrue(CliRun.of("export", "--format", "csv", app).err().startsWith("Invalid value for option"
                + " '--format': expected jsonl or chrome-trace, not 'csv'\n"));
    }

    @Test
    void colourOnlyWhenAsked() {
        assertTrue(CliRun.of("timeline", "--color=always", app).out().contains("\u001b["));
        assertTrue(CliRun.of("--color=always", "summary", app).out().contains("\u001b[1m"));
        assertEquals(-1, CliRun.of("timeline", "--color=never", app).out().indexOf('\u001b'));
        assertEquals(-1, CliRun.of("timeline", app).out().indexOf('\u001b'), "auto: not a terminal here");
    }

    private static List<String> connections(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.toString());
        return run.out().lines().filter(line -> line.startsWith("#")).map(line -> line.split(" ")[0]).toList();
    }
}
