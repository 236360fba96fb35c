package dev.tcpflight.cli.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The parts of attach, record and watch that need no other JVM. */
class JvmPartsTest {

    @Test
    void pidsArePositiveNumbers() {
        PidConverter pids = new PidConverter();
        assertEquals(4242L, pids.convert("4242"));
        assertEquals(4242L, pids.convert(" 4242 "));
        assertEquals("'x1' is not a process id (see tcpflight list)",
                assertThrows(TypeConversionException.class, () -> pids.convert("x1")).getMessage());
        assertThrows(TypeConversionException.class, () -> pids.convert("0"));
        assertThrows(TypeConversionException.class, () -> pids.convert("99999999999999999999"));
    }

    @Test
    void aCommandGoesToTheAttachListenerAsJcmdSendsIt() {
        ByteBuffer request = AttachSocketCommands.request("JFR.start name=tcpflight");
        String text = StandardCharsets.UTF_8.decode(request).toString();
        assertEquals("1\0jcmd\0JFR.start name=tcpflight\0\0\0", text);
        assertThrows(IllegalArgumentException.class, () -> AttachSocketCommands.request("JFR.start\0"));
    }

    @Test
    void commandsBecomeMBeanOperationsAsTheJdkNamesThem() {
        assertEquals("jfrStart", JmxDiagnosticCommands.operation("JFR.start"));
        assertEquals("vmSystemProperties", JmxDiagnosticCommands.operation("VM.system_properties"));
        assertEquals("gcClassHistogram", JmxDiagnosticCommands.operation("GC.class_histogram"));
        assertArrayEquals(new String[] {"name=1", "filename=\"/a b/c.jfr\""},
                JmxDiagnosticCommands.splitArguments("name=1  filename=\"/a b/c.jfr\""));
    }

    @Test
    void valuesWithSpacesAreQuoted() {
        assertEquals("/tmp/x.jfr", DiagnosticCommands.quote("/tmp/x.jfr"));
        assertEquals("\"/my dir/x.jfr\"", DiagnosticCommands.quote("/my dir/x.jfr"));
        assertEquals("'/my \"dir\"/x.jfr'", DiagnosticCommands.quote("/my \"dir\"/x.jfr"));
    }

    @Test
    void javaFeatureVersions() {
        assertEquals(8, AgentLoader.featureVersion("1.8"));
        assertEquals(17, AgentLoader.featureVersion("17"));
        assertEquals(25, AgentLoader.featureVersion("25"));
        assertEquals(0, AgentLoader.featureVersion(""));
    }

    @Test
    void thisJvmIsSeenAsAJvmThatTakesTheAttachHandshake() {
        long self = ProcessHandle.current().pid();
        if (ProcessFacts.linux()) {
            assertEquals(Optional.of(true), ProcessFacts.mapsLibjvm(self));
            assertEquals(Optional.of(true), ProcessFacts.handlesSigquit(self));
            assertTrue(ProcessFacts.runtimeModules(self, System.getProperty("java.home")).orElseThrow()
                    .containsAll(List.of("java.base", "java.instrument", "jdk.jfr")));
        }
    }
}
