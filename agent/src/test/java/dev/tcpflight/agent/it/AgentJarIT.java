package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import jdk.jfr.Configuration;
import org.junit.jupiter.api.Test;

/** The shipped artifacts: the shaded agent jar and tcpflight.jfc. */
class AgentJarIT {

    @Test
    void everyClassIsUnderTheProjectPackageAndTheManifestDeclaresTheAgent() throws IOException {
        try (JarFile jar = new JarFile(ChildJvm.AGENT_JAR.toFile())) {
            List<String> strays = jar.stream().map(JarEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.startsWith("dev/tcpflight/agent/")
                            && !name.startsWith("dev/tcpflight/schema/"))
                    .toList();
            assertEquals(List.of(), strays, "classes outside dev.tcpflight.agent and the schema (unrelocated"
                    + " dependencies?)");
            assertNotNull(jar.getEntry("dev/tcpflight/schema/events/StateChangeEvent.class"),
                    "the schema's event classes ship inside the jar");
            assertTrue(jar.stream().anyMatch(e -> e.getName().startsWith("dev/tcpflight/agent/shaded/bytebuddy/")),
                    "Byte Buddy is relocated into the jar");
            assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("META-INF/versions/")),
                    "no unrelocated multi-release entries");
            assertNotNull(jar.getEntry("tcpflight.jfc"), "tcpflight.jfc ships inside the jar");

            Attributes manifest = jar.getManifest().getMainAttributes();
            assertEquals("dev.tcpflight.agent.TcpflightAgent", manifest.getValue("Premain-Class"));
            assertEquals("dev.tcpflight.agent.TcpflightAgent", manifest.getValue("Agent-Class"));
            assertEquals("true", manifest.getValue("Can-Retransform-Classes"));
        }
    }

    @Test
    void jfcLoadsOnThisJdkWithTheTcpflightEventsEnabled() throws Exception {
        Configuration configuration = Configuration.create(ChildJvm.JFC);
        assertEquals("true", configuration.getSettings().get("tcpflight.StateChange#enabled"));
        assertEquals("true", configuration.getSettings().get("tcpflight.StateChange#stackTrace"));
        assertEquals("true", configuration.getSettings().get("tcpflight.Connection#enabled"));
        // Made from JDK 25's default.jfc plus the events JDK 25 removed: every JDK from 17 on finds a setting for
        // each event of its own default.jfc, with exactly the default values on JDK 25.
        Configuration jdkDefault = Configuration.getConfiguration("default");
        jdkDefault.getSettings().forEach((key, value) -> {
            assertTrue(configuration.getSettings().containsKey(key), "missing default setting " + key);
            if (Runtime.version().feature() == 25) {
                assertEquals(value, configuration.getSettings().get(key), key);
            }
        });
    }
}
