package dev.tcpflight.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AgentOptionsTest {

    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

    private AgentOptions parse(String text) {
        return AgentOptions.parse(text, new PrintStream(warnings, true, StandardCharsets.UTF_8));
    }

    private String warnings() {
        return warnings.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noOptionsAreTheDefaults() {
        assertEquals(AgentOptions.DEFAULTS, parse(null));
        assertEquals(AgentOptions.DEFAULTS, parse(""));
        assertEquals(new AgentOptions(false, true, false, Set.of()), AgentOptions.DEFAULTS);
        assertEquals("", warnings());
    }

    @Test
    void everyOptionIsRead() {
        assertEquals(new AgentOptions(true, false, false, Set.of(80, 8080)),
                parse("verbose, stacks=off,kernel=false,ports=8080;80"));
        assertEquals("", warnings());
    }

    @Test
    void badWordsWarnOnceEachAndKeepTheRest() {
        AgentOptions options = parse("stacks=maybe,ports=http,ports=70000,bogus,kernel=on");
        assertEquals(new AgentOptions(false, true, true, Set.of()), options);
        String text = warnings();
        assertEquals(4, text.lines().count(), text);
        assertTrue(text.contains("'stacks=maybe' ignored: expected on or off"), text);
        assertTrue(text.contains("'ports=http' ignored: not a port number"), text);
        assertTrue(text.contains("'ports=70000' ignored: port out of range"), text);
        assertTrue(text.contains("'bogus' ignored: unknown option"), text);
    }

    @Test
    void aToolIsToldTheFirstBadWordWithItsReason() {
        assertEquals(Optional.empty(), AgentOptions.problem("kernel=off"));
        assertEquals(Optional.empty(), AgentOptions.problem("verbose, stacks=on,ports=8080;5432,kernel=false"));
        assertEquals(Optional.empty(), AgentOptions.problem(""));
        assertEquals(Optional.of("agent option 'stacks=maybe' is not valid: expected on or off, not 'maybe' (known: "
                + AgentOptions.KNOWN + ")"), AgentOptions.problem("kernel=off,stacks=maybe,bogus"));
        for (String bad : List.of("ports=http", "ports=0", "ports=70000", "kernel", "bogus")) {
            assertTrue(AgentOptions.problem(bad).isPresent(), bad);
        }
    }
}
