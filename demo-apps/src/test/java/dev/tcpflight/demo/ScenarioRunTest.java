package dev.tcpflight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the scenarios in-process on real loopback sockets, without the agent. */
class ScenarioRunTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    private final ByteArrayOutputStream narration = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(narration, true, StandardCharsets.UTF_8);

    static List<String> names() {
        return Scenarios.all().stream().map(Scenario::name).toList();
    }

    @ParameterizedTest
    @MethodSource("names")
    void completesWithinBoundAndNarrates(String name) {
        Scenario scenario = Scenarios.byName(name, out).orElseThrow();
        assumeTrue(scenario.unsupportedReason().isEmpty(), () -> scenario.unsupportedReason().orElseThrow());
        assertTimeoutPreemptively(BOUND, scenario::run);
        String text = narration.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("client"), text);
        assertTrue(text.contains("127.0.0.1:"), text);
    }

    @Test
    void handshakeAndCloseEchoesThenClosesBothSides() {
        String text = run(HandshakeAndCloseScenario::new);
        assertTrue(text.contains("got 'hello' back"), text);
        assertTrue(text.contains("server: read returned -1"), text);
    }

    @Test
    void resetMakesTheServerReadFailWithConnectionReset() {
        ResetScenario scenario = new ResetScenario(out);
        assertTimeoutPreemptively(BOUND, scenario::run);
        assertEquals("Connection reset", scenario.serverError().orElseThrow().getMessage());
    }

    @Test
    void refusedCatchesConnectException() {
        RefusedScenario scenario = new RefusedScenario(out);
        assertTimeoutPreemptively(BOUND, scenario::run);
        assertTrue(scenario.refusal().isPresent());
    }

    @Test
    void connectTimeoutTimesOutAfterFillingTheBacklog() {
        ConnectTimeoutScenario scenario = new ConnectTimeoutScenario(out);
        assertTimeoutPreemptively(BOUND, scenario::run);
        assertTrue(scenario.timeout().isPresent());
        assertTrue(scenario.fillers() >= 1, "fillers: " + scenario.fillers());
    }

    @Test
    void closeWaitLeakServerReadsEofOnFiveSockets() {
        CloseWaitLeakScenario scenario = new CloseWaitLeakScenario(out);
        assertTimeoutPreemptively(BOUND, scenario::run);
        assertEquals(5, scenario.eofsSeen());
    }

    @Test
    void halfCloseClientStillReadsTheReplyAfterShutdownOutput() {
        String text = run(HalfCloseScenario::new);
        assertTrue(text.contains("still read the reply '4'"), text);
    }

    @Test
    void serverClosesFirstClientReadsReplyThenEof() {
        String text = run(ServerClosesFirstScenario::new);
        assertTrue(text.contains("read '12:00', then -1"), text);
    }

    @Test
    void timeWaitPileupDoesNotNarrateEveryConnection() {
        String text = run(TimeWaitPileupScenario::new);
        assertFalse(text.contains("server: accepted"), text);
    }

    @Test
    void nioSelectorConnectsNonBlockingAndServesThreeClientsOnOneThread() {
        NioSelectorScenario scenario = new NioSelectorScenario(out);
        assertTimeoutPreemptively(BOUND, scenario::run);
        assertEquals(3, scenario.served());
        String text = narration.toString(StandardCharsets.UTF_8);
        assertEquals(3, count(text, "connect() returned false (SYN sent), OP_CONNECT fired, finishConnect() returned"
                + " true"), text);
        assertEquals(3, count(text, "server: OP_READ, read() returned -1"), text);
    }

    @Test
    void asyncChannelEchoesThenTheServerHandlerSeesEof() {
        String text = run(AsyncChannelScenario::new);
        assertTrue(text.contains("got 'hello' back"), text);
        assertTrue(text.contains("server: read completed with -1"), text);
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void virtualThreadsRunClientsAndConnectionHandlersOnVirtualThreads() {
        String text = run(VirtualThreadsScenario::new);
        List<String> onVirtualThreads = text.lines().filter(line -> line.contains(" [VirtualThread[")).toList();
        assertEquals(3, onVirtualThreads.stream().filter(line -> line.startsWith("client: sent")).count(), text);
        assertEquals(6, onVirtualThreads.stream().filter(line -> line.startsWith("server: ")).count(), text);
    }

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void virtualThreadsAreSkippedBeforeJdk21() {
        Scenario scenario = new VirtualThreadsScenario(out);
        assertEquals("needs JDK 21+ (virtual threads); this is Java " + Runtime.version().feature(),
                scenario.unsupportedReason().orElseThrow());
        assertEquals(DemoMain.SKIPPED, DemoMain.run(scenario, out, out));
        assertEquals("skipped: " + scenario.unsupportedReason().orElseThrow() + System.lineSeparator(),
                narration.toString(StandardCharsets.UTF_8));
    }

    @Test
    void httpClientSendsThreeRequestsOverOneConnectionAndSeesItClosed() {
        HttpClientScenario scenario = new HttpClientScenario(out);
        assertTimeoutPreemptively(BOUND, scenario::run);
        assertEquals(1, scenario.connections());
        String text = narration.toString(StandardCharsets.UTF_8);
        assertEquals(3, count(text, "-> 200 'hello /"), text);
        assertTrue(text.contains("one keep-alive connection"), text);
        assertTrue(text.contains("closed it (passive close)"), text);
        assertEquals(OsSocketTable.available(), text.contains("the kernel shows its end in TIME_WAIT"), text);
    }

    private static long count(String text, String part) {
        return text.lines().filter(line -> line.contains(part)).count();
    }

    private String run(Function<PrintStream, Scenario> factory) {
        assertTimeoutPreemptively(BOUND, factory.apply(out)::run);
        return narration.toString(StandardCharsets.UTF_8);
    }
}
