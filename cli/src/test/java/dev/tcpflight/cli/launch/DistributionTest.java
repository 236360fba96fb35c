package dev.tcpflight.cli.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tcpflight.cli.TcpflightException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistributionTest {

    @TempDir
    Path dir;

    @Test
    void findsTheJarsInLib() throws Exception {
        Path lib = Files.createDirectory(dir.resolve("lib"));
        Path agent = Files.createFile(lib.resolve("tcpflight-agent.jar"));
        Path demo = Files.createFile(lib.resolve("tcpflight-demo-apps.jar"));
        Distribution distribution = new Distribution(lib, name -> null);

        assertEquals(agent, distribution.agentJar());
        assertEquals(demo, distribution.demoJar());
    }

    @Test
    void systemPropertiesOverrideLib() throws Exception {
        Path agent = Files.createFile(dir.resolve("my-agent.jar"));
        Distribution distribution =
                new Distribution(dir.resolve("lib"), Map.of(Distribution.AGENT_PROPERTY, agent.toString())::get);

        assertEquals(agent, distribution.agentJar());
    }

    @Test
    void missingJarSaysHowToBuildIt() {
        Distribution distribution = new Distribution(dir.resolve("lib"), name -> null);

        TcpflightException e = assertThrows(TcpflightException.class, distribution::demoJar);

        assertEquals("demo jar not found at " + dir.resolve("lib/tcpflight-demo-apps.jar")
                + ": build with mvn -B package", e.getMessage());
    }

    @Test
    void extractsTheSettingsFromTheAgentJar() throws Exception {
        Path agent = jar(dir.resolve("agent.jar"), Distribution.SETTINGS_RESOURCE, "<configuration/>");
        Distribution distribution = new Distribution(dir, Map.of(Distribution.AGENT_PROPERTY, agent.toString())::get);

        Path settings = distribution.extractSettings(Files.createDirectory(dir.resolve("work")));

        assertEquals(dir.resolve("work/tcpflight.jfc"), settings);
        assertEquals("<configuration/>", Files.readString(settings));
    }

    @Test
    void agentJarWithoutSettingsIsAnError() throws Exception {
        Path agent = jar(dir.resolve("agent.jar"), "other.txt", "");
        Distribution distribution = new Distribution(dir, Map.of(Distribution.AGENT_PROPERTY, agent.toString())::get);

        TcpflightException e = assertThrows(TcpflightException.class, () -> distribution.extractSettings(dir));

        assertEquals("agent jar " + agent + " has no tcpflight.jfc: rebuild it with mvn -B package", e.getMessage());
    }

    private static Path jar(Path file, String entry, String content) throws IOException {
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file))) {
            jar.putNextEntry(new ZipEntry(entry));
            jar.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
