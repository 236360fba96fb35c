package dev.tcpflight.cli.jvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.cli.recording.Endpoint;
import dev.tcpflight.cli.render.Colors;
import dev.tcpflight.cli.render.Glyphs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** The parts of attach, record and watch that need no other JVM. */
class JvmPartsTest {

    private static final Instant TIME = Instant.parse("2025-01-31T10:15:30.123Z");

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
    void agentOptionsAreTheAgentsWords() {
        assertEquals(Optional.empty(), AgentOptionsCheck.problem("kernel=off"));
        assertEquals(Optional.empty(), AgentOptionsCheck.problem("verbose, stacks=on,ports=8080;5432,kernel=false"));
        assertEquals(Optional.empty(), AgentOptionsCheck.problem(""));
        assertEquals(Optional.of("agent option 'stacks=maybe' is not one of: " + AgentOptionsCheck.KNOWN),
                AgentOptionsCheck.problem("kernel=off,stacks=maybe"));
        assertTrue(AgentOptionsCheck.problem("ports=http").isPresent());
        assertTrue(AgentOptionsCheck.problem("ports=0").isPresent());
        assertTrue(AgentOptionsCheck.problem("ports=70000").isPresent());
        assertTrue(AgentOptionsCheck.problem("kernel").isPresent());
        assertTrue(AgentOptionsCheck.problem("bogus").isPresent());
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

    @Test
    void aPlainLineSaysWhenWhichConnectionWentFromWhereToWhere() {
        assertEquals("10:15:30.123  #7  client  127.0.0.1:50123 → [::1]:5000  CLOSED → SYN_SENT  connect  api",
                client().line(Glyphs.UNICODE, ZoneOffset.UTC));
        assertEquals("10:15:30.123  #7  client  127.0.0.1:50123 -> [::1]:5000  CLOSED -> SYN_SENT  connect  api",
                client().line(Glyphs.ASCII, ZoneOffset.UTC));
    }

    @Test
    void theLiveViewShowsCountsRateAndLatestTransitions() {
        StringWriter text = new StringWriter();
        WatchDisplay.Live live = new WatchDisplay.Live(new PrintWriter(text), Glyphs.UNICODE, Colors.OFF,
                "tcpflight watch: JVM 42 (app.Main, Java 17)", 200, Clock.fixed(TIME, ZoneOffset.UTC));
        live.counts(new SocketCounts(TIME, 5, 1, 0, 3, 0, 1, 0, 0, 0));
        live.flushed(List.of(client()));

        assertEquals(List.of(
                "tcpflight watch: JVM 42 (app.Main, Java 17)  10:15:30  (Ctrl-C to stop)",
                "",
                "  open sockets  LISTEN  SYN_SENT  ESTABLISHED  FIN_WAIT_1  CLOSE_WAIT  LAST_ACK  other",
                "             5       1         0            3           0           1         0      0",
                "",
                "  1 transitions since the start, 1 in the last second",
                "",
                "  10:15:30.123  #7  client  127.0.0.1:50123 → [::1]:5000  CLOSED → SYN_SENT  connect  api"),
                live.frame());
        // Drawn twice (at creation, after the flush): the second time over the first.
        assertTrue(text.toString().startsWith("\u001b[?25l"), text.toString());
        assertTrue(text.toString().contains("\u001b[8F\u001b[J"), text.toString());
        live.end();
        assertTrue(text.toString().endsWith("\u001b[?25h"), text.toString());
    }

    private static LiveTransition client() {
        return new LiveTransition(TIME, 7, 1, "client", new Endpoint("127.0.0.1", 50123), new Endpoint("::1", 5000),
                "CLOSED", "SYN_SENT", "connect", "api", "main");
    }
}
