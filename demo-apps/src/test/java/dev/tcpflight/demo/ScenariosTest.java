package dev.tcpflight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ScenariosTest {

    private static final String STATE = "(LISTEN|SYN_SENT|SYN_RECEIVED|ESTABLISHED|FIN_WAIT_1|FIN_WAIT_2|CLOSE_WAIT"
            + "|CLOSING|LAST_ACK|TIME_WAIT|CLOSED)";
    private static final Pattern TRANSITION = Pattern.compile(STATE + ">" + STATE + ":([a-z]+(-[a-z]+)*)");

    static List<Scenario> scenarios() {
        return Scenarios.all();
    }

    @Test
    void namesAreUniqueAndFoundByName() {
        Set<String> names = new HashSet<>();
        for (Scenario s : Scenarios.all()) {
            assertTrue(names.add(s.name()), "duplicate " + s.name());
            assertEquals(s.getClass(), Scenarios.byName(s.name()).orElseThrow().getClass());
        }
        assertEquals(9, names.size());
        assertTrue(names.contains(Scenarios.DEFAULT));
        assertTrue(Scenarios.byName("no-such-scenario").isEmpty());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void describesItselfOnOneLine(Scenario scenario) {
        assertTrue(scenario.name().matches("[a-z]+(-[a-z]+)*"), scenario.name());
        assertFalse(scenario.description().isBlank());
        assertFalse(scenario.description().contains("\n"));
        assertTrue(scenario.unsupportedReason().isEmpty(), "all scenarios run on JDK 17");
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void expectedTransitionsAreWellFormedChains(Scenario scenario) {
        assertFalse(scenario.expected().isEmpty());
        for (ExpectedEndpoint endpoint : scenario.expected()) {
            String api = endpoint.role().equals("listener") ? "java.net.ServerSocket" : "java.net.Socket";
            assertTrue(Set.of("client", "server", "listener").contains(endpoint.role()), endpoint.role());
            assertEquals(api, endpoint.socketApi(), endpoint.toString());
            assertFalse(endpoint.transitions().isEmpty(), endpoint.toString());
            String previousTo = null;
            for (String transition : endpoint.transitions()) {
                Matcher m = TRANSITION.matcher(transition);
                assertTrue(m.matches(), "malformed " + transition);
                if (previousTo != null) {
                    assertEquals(previousTo, m.group(1), "broken chain at " + transition + " in " + endpoint);
                }
                previousTo = m.group(2);
            }
        }
    }

    @Test
    void handshakeAndCloseExpectsTheTextbookPath() {
        assertEquals(List.of(
                ExpectedEndpoint.of("client", "java.net.Socket", 1,
                        "CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect", "ESTABLISHED>FIN_WAIT_1:close"),
                ExpectedEndpoint.of("server", "java.net.Socket", 1,
                        "LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                        "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"),
                ExpectedEndpoint.of("listener", "java.net.ServerSocket", 1,
                        "CLOSED>LISTEN:listen", "LISTEN>CLOSED:close")),
                Scenarios.byName(Scenarios.DEFAULT).orElseThrow().expected());
    }
}
