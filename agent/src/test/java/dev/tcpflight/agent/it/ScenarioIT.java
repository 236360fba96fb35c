package dev.tcpflight.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.demo.DemoMain;
import dev.tcpflight.demo.ExpectedEndpoint;
import dev.tcpflight.demo.Scenario;
import dev.tcpflight.demo.Scenarios;
import dev.tcpflight.schema.TcpState;
import dev.tcpflight.schema.events.Fields;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every demo scenario in a child JVM under the agent with the kernel sampler on, as {@code tcpflight demo} runs
 * them: the recording holds exactly the transitions the scenario declares for each of its endpoints, and no other
 * connection. Across the whole suite, every one of the 11 TCP states is recorded.
 */
class ScenarioIT {

    /** The states of every transition recorded by the scenarios run so far. */
    private static final Set<String> STATES_SEEN = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger SCENARIOS_RUN = new AtomicInteger();

    @TempDir
    Path dir;

    static Stream<String> scenarios() {
        return Scenarios.all(quiet()).stream().map(Scenario::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void recordsExactlyTheExpectedTransitions(String name) throws Exception {
        Scenario scenario = Scenarios.byName(name, quiet()).orElseThrow();
        Assumptions.assumeTrue(scenario.unsupportedReason().isEmpty(),
                () -> scenario.unsupportedReason().orElse(""));
        Path recording = dir.resolve(name + ".jfr");
        new ChildJvm().agentOptions("kernel=on").recordTo(recording).run(DemoMain.class, name).assertSucceeded();

        RecordedConnections recorded = RecordedConnections.read(recording);
        for (Connection connection : recorded.all()) {
            for (RecordedConnections.Step transition : connection.transitions()) {
                STATES_SEEN.add(transition.getString(Fields.FROM_STATE));
                STATES_SEEN.add(transition.getString(Fields.TO_STATE));
            }
        }
        SCENARIOS_RUN.incrementAndGet();
        List<Connection> unmatched = new ArrayList<>(recorded.all());
        for (ExpectedEndpoint expected : scenario.expected()) {
            List<Connection> matching = unmatched.stream()
                    .filter(c -> c.role().equals(expected.role()) && c.socketApi().equals(expected.socketApi())
                            && c.jvmPath().equals(expected.transitions()))
                    .toList();
            assertTrue(expected.countMatches(matching.size()), () -> "expected " + expected + ", found "
                    + matching.size() + " such connections in:" + recorded.describe());
            unmatched.removeAll(matching);
        }
        assertEquals(List.of(), unmatched.stream().map(c -> c.role() + " " + c.path()).toList(),
                "connections the scenario did not declare");
    }

    /** Checked once every scenario this JVM can run has run (not when a single scenario is picked to run). */
    @AfterAll
    static void everyTcpStateAppearsAcrossTheSuite() {
        long runnable = Scenarios.all(quiet()).stream().filter(s -> s.unsupportedReason().isEmpty()).count();
        if (SCENARIOS_RUN.get() == runnable) {
            Set<String> missing = Arrays.stream(TcpState.values()).map(Enum::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            missing.removeAll(STATES_SEEN);
            assertEquals(Set.of(), missing, "TCP states no scenario recorded; seen: " + STATES_SEEN);
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
