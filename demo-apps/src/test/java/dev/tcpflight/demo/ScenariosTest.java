package dev.tcpflight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** The connections' socketApi and, for each, that of its listeners. */
    private static final Map<String, String> LISTENER_API = Map.of(
            "java.net.Socket", "java.net.ServerSocket",
            "SocketChannel", "ServerSocketChannel",
            "AsynchronousSocketChannel", "AsynchronousServerSocketChannel");

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
        assertEquals(14, names.size());
        assertTrue(names.contains(Scenarios.DEFAULT));
        assertTrue(Scenarios.byName("no-such-scenario").isEmpty());
    }

    @Test
    void otherSocketApisComeAfterTheBlockingOnes() {
        List<String> names = Scenarios.all().stream().map(Scenario::name).toList();
        assertEquals(List.of("nio-selector", "async-channel", "virtual-threads", "http-client"),
                names.subList(names.size() - 4, names.size()));
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void describesItselfOnOneLine(Scenario scenario) {
        assertTrue(scenario.name().matches("[a-z]+(-[a-z]+)*"), scenario.name());
        assertFalse(scenario.description().isBlank());
        assertFalse(scenario.description().contains("\n"));
        if (!scenario.name().equals("virtual-threads")) {
            assertTrue(scenario.unsupportedReason().isEmpty(), "runs on JDK 17: " + scenario.name());
        }
    }

    @Test
    void virtualThreadsNeedJdk21() {
        int feature = Runtime.version().feature();
        Optional<String> expected = feature >= 21
                ? Optional.empty()
                : Optional.of("needs JDK 21+ (virtual threads); this is Java " + feature);
        assertEquals(expected, Scenarios.byName("virtual-threads").orElseThrow().unsupportedReason());
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void expectedTransitionsAreWellFormedChains(Scenario scenario) {
        assertFalse(scenario.expected().isEmpty());
        String connectionApi = scenario.expected().stream().filter(e -> !e.role().equals("listener"))
                .map(ExpectedEndpoint::socketApi).findFirst().orElse("java.net.Socket");
        assertTrue(LISTENER_API.containsKey(connectionApi), connectionApi);
        for (ExpectedEndpoint endpoint : scenario.expected()) {
            String api = endpoint.role().equals("listener") ? LISTENER_API.get(connectionApi) : connectionApi;
            assertTrue(Set.of("client", "server", "listener").contains(endpoint.role()), endpoint.role());
            assertEquals(api, endpoint.socketApi(), "one socket API family per scenario: " + endpoint);
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

    @Test
    void nioSelectorExpectsChannelsOnTheTextbookPath() {
        assertEquals(List.of(
                ExpectedEndpoint.of("client", "SocketChannel", 3,
                        "CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect", "ESTABLISHED>FIN_WAIT_1:close"),
                ExpectedEndpoint.of("server", "SocketChannel", 3,
                        "LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                        "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"),
                ExpectedEndpoint.of("listener", "ServerSocketChannel", 1,
                        "CLOSED>LISTEN:listen", "LISTEN>CLOSED:close")),
                Scenarios.byName("nio-selector").orElseThrow().expected());
    }

    @Test
    void asyncChannelExpectsAsynchronousChannels() {
        List<ExpectedEndpoint> expected = Scenarios.byName("async-channel").orElseThrow().expected();
        assertEquals(List.of("AsynchronousSocketChannel", "AsynchronousSocketChannel",
                "AsynchronousServerSocketChannel"), expected.stream().map(ExpectedEndpoint::socketApi).toList());
    }

    @Test
    void httpClientExpectsTheServerToCloseFirst() {
        assertEquals(List.of(
                ExpectedEndpoint.of("client", "SocketChannel", 1,
                        "CLOSED>SYN_SENT:connect", "SYN_SENT>ESTABLISHED:connect",
                        "ESTABLISHED>CLOSE_WAIT:read-eof", "CLOSE_WAIT>LAST_ACK:close"),
                ExpectedEndpoint.of("server", "SocketChannel", 1,
                        "LISTEN>SYN_RECEIVED:accept", "SYN_RECEIVED>ESTABLISHED:accept",
                        "ESTABLISHED>FIN_WAIT_1:close"),
                ExpectedEndpoint.of("listener", "ServerSocketChannel", 1,
                        "CLOSED>LISTEN:listen", "LISTEN>CLOSED:close")),
                Scenarios.byName("http-client").orElseThrow().expected());
    }
}
