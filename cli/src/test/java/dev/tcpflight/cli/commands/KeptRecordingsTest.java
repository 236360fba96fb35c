package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.cli.testing.Golden;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Recordings made by an earlier agent (0.1.0, demo scenarios, kept with their tcpflight events only by
 * {@code jfr scrub}) read as they did when they were made: the CLI keeps reading what older agents wrote.
 * Their outputs are goldens written by the CLI of the day; a change to them must be deliberate.
 */
class KeptRecordingsTest {

    private static final Path KEPT = Path.of("src", "test", "resources", "recordings", "agent-0.1.0");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "handshake-and-close, timeline", "handshake-and-close, ladder", "handshake-and-close, summary",
        "handshake-and-close, export",
        "reset, timeline", "reset, ladder", "reset, summary", "reset, export",
        "idle-pool, timeline", "idle-pool, summary", "idle-pool, export",
        "simultaneous-close, timeline", "simultaneous-close, ladder", "simultaneous-close, export",
    })
    void readAsTheyWereWhenMade(String recording, String command) {
        CliRun run = CliRun.of(command, "--color=never", KEPT.resolve(recording + ".jfr").toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("", run.err(), run.toString());
        Golden.assertMatches("agent-0.1.0/" + recording + "-" + command + ".txt", run.out());
    }
}
