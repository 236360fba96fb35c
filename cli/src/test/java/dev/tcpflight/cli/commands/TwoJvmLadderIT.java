package dev.tcpflight.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.launch.ChildJvm;
import dev.tcpflight.cli.launch.Distribution;
import dev.tcpflight.cli.testing.CliRun;
import dev.tcpflight.cli.testing.LadderArrows;
import dev.tcpflight.cli.testing.LadderPeer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ladder of one connection whose ends were recorded by two JVMs, each under the real agent. */
class TwoJvmLadderIT {

    @TempDir
    Path dir;

    @Test
    void pairsTheEndsOfTwoRecordingsByTheir4Tuple() throws Exception {
        Path settings = Distribution.current().extractSettings(dir);
        Path portFile = dir.resolve("port");
        List<String> command = new ArrayList<>(List.of(ChildJvm.javaExecutable().toString()));
        command.addAll(peer(settings, dir.resolve("server.jfr"), "server", portFile.toString()));
        Process server = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        try {
            String port = awaitPort(portFile, server);
            List<String> clientOutput = new ArrayList<>();
            int clientExit = ChildJvm.run(peer(settings, dir.resolve("client.jfr"), "client", port),
                    clientOutput::add, clientOutput::add);
            assertEquals(0, clientExit, String.join("\n", clientOutput));
            assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server ends after the client's close");
            assertEquals(0, server.exitValue(), Files.readString(dir.resolve("server.log")));
        } finally {
            server.destroyForcibly();
        }

        CliRun run = CliRun.of("ladder", dir.resolve("server.jfr").toString(), dir.resolve("client.jfr").toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Pattern.compile("^#\\d+ client 127\\.0\\.0\\.1:\\d+ \\[client\\.jfr]"
                + "  ⇄  #\\d+ server 127\\.0\\.0\\.1:\\d+"
                + " \\[server\\.jfr]\\n").matcher(run.out()).find(), run.toString());
        LadderArrows.assertHandshakeAndClose(run.out());
        assertEquals(1, run.out().lines().filter(line -> line.startsWith("#")).count(), "one pair: " + run);
    }

    /** The java arguments to run one LadderPeer under the agent, recording into {@code recording}. */
    private static List<String> peer(Path settings, Path recording, String... args) throws Exception {
        Path classes = Path.of(LadderPeer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> arguments = new ArrayList<>(List.of(
                "-javaagent:" + Distribution.current().agentJar(),
                "-XX:StartFlightRecording:dumponexit=true,filename=" + recording + ",settings=" + settings,
                "-Xlog:jfr+startup=error", "-Xshare:off",
                "-cp", classes.toString(), LadderPeer.class.getName()));
        arguments.addAll(List.of(args));
        return arguments;
    }

    private static String awaitPort(Path portFile, Process server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile)) {
            assertTrue(server.isAlive() && System.nanoTime() < deadline, "the server JVM did not start listening");
            Thread.sleep(20);
        }
        return Files.readString(portFile);
    }
}
