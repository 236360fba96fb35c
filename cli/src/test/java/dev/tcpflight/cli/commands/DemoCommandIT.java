package dev.tcpflight.cli.commands;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end: {@code tcpflight demo} with the real agent and demo jars that the build copies to target/lib. */
class DemoCommandIT {

    @TempDir
    Path dir;

    @Test
    void listNamesTheDefaultScenario() {
        CliRun run = CliRun.of("demo", "--list");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().lines().anyMatch(line -> line.startsWith("handshake-and-close")), run.toString());
    }

    @Test
    void handshakeAndCloseShowsBothEndsOfTheConnection() {
        Path kept = dir.resolve("handshake.jfr");

        CliRun run = CliRun.of("demo", "-o", kept.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Files.isRegularFile(kept), run.toString());
        String client = connection(run, "client");
        assertTrue(client.contains("CLOSED → SYN_SENT"), run.toString());
        assertTrue(client.contains("SYN_SENT → ESTABLISHED"), run.toString());
        assertTrue(client.contains("ESTABLISHED → FIN_WAIT_1"), run.toString());
        String server = connection(run, "server");
        assertTrue(server.contains("ESTABLISHED → CLOSE_WAIT"), run.toString());
        assertTrue(server.contains("CLOSE_WAIT → LAST_ACK"), run.toString());
    }

    @Test
    void aScenarioThisJvmCannotRunIsSkippedWithItsReason() {
        Assumptions.assumeTrue(Runtime.version().feature() < 21, "virtual threads run on this JDK");

        CliRun run = CliRun.of("demo", "virtual-threads");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("[virtual-threads] skipped: "), run.toString());
        assertEquals("tcpflight: nothing recorded: this JVM cannot run virtual-threads", run.err().strip(),
                run.toString());
    }

    /** The table's block (header and rows) of the one connection with this role. */
    private static String connection(CliRun run, String role) {
        // Blocks are separated by blank lines; the first also holds the demo's own output, before the header.
        List<String> blocks = Arrays.stream(run.out().split("\n\n"))
                .map(block -> block.lines().dropWhile(line -> !line.startsWith("#")).collect(joining("\n")))
                .filter(block -> block.startsWith("#") && block.split(" ")[1].equals(role))
                .toList();
        assertEquals(1, blocks.size(), "one " + role + " connection in:\n" + run);
        return blocks.get(0);
    }
}
