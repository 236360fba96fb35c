package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.launch.Distribution;
import dev.tcpflight.cli.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code demo} does without the real agent and demos; {@code DemoCommandIT} runs them for real. */
class DemoCommandTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearOverrides() {
        System.clearProperty(Distribution.AGENT_PROPERTY);
        System.clearProperty(Distribution.DEMO_PROPERTY);
    }

    @Test
    void missingAgentJarIsNamedWithTheFix() {
        Path missing = dir.resolve("no-agent.jar");
        System.setProperty(Distribution.AGENT_PROPERTY, missing.toString());

        CliRun run = CliRun.of("demo");

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("tcpflight: agent jar not found at " + missing + " (set by -D" + Distribution.AGENT_PROPERTY
                + "): build with mvn -B package\n", run.err());
    }

    @Test
    void failingChildJvmGivesItsExitCode() throws IOException {
        Path emptyJar = dir.resolve("empty.jar");
        new JarOutputStream(Files.newOutputStream(emptyJar)).close();
        System.setProperty(Distribution.DEMO_PROPERTY, emptyJar.toString());

        CliRun run = CliRun.of("demo", "--list");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("dev.tcpflight.demo.DemoMain"), "the child's own error is shown: " + run);
        assertTrue(run.err().endsWith("tcpflight: listing the demo scenarios failed (exit code 1)\n"), run.toString());
    }

    @Test
    void conflictingArgumentsAreUsageErrors() {
        assertEquals(2, CliRun.of("demo", "--list", "--all").exitCode());
        assertEquals(2, CliRun.of("demo", "--list", "handshake-and-close").exitCode());
        assertEquals(2, CliRun.of("demo", "--all", "handshake-and-close").exitCode());
        assertEquals(2, CliRun.of("demo", "a", "b").exitCode());
    }
}
