package dev.tcpflight.agent.it;

import dev.tcpflight.agent.it.RecordedConnections.Connection;
import dev.tcpflight.demo.DemoMain;
import dev.tcpflight.demo.ExpectedEndpoint;
import dev.tcpflight.demo.Scenario;
import dev.tcpflight.demo.Scenarios;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every demo scenario in a child JVM under the agent: the recording holds exactly the transitions the scenario
 * declares for each of its endpoints, and no other connection.
 */
class ScenarioIT {

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
        new ChildJvm().recordTo(recording).run(DemoMain.class, name).assertSucceeded();

        RecordedConnections recorded = RecordedConnections.read(recording);
        List<Connection> unmatched = new ArrayList<>(recorded.all());
        for (ExpectedEndpoint expected : scenario.expected()) {
            List<Connection> matching = unmatched.stream()
                    .filter(c -> c.role().equals(expected.role()) && c.socketApi().equals(expected.socketApi())
                            && c.path().equals(expected.transitions()))
                    .toList();
            assertTrue(expected.countMatches(matching.size()), () -> "expected " + expected + ", found "
                    + matching.size() + " such connections in:" + recorded.describe());
            unmatched.removeAll(matching);
        }
        assertEquals(List.of(), unmatched.stream().map(c -> c.role() + " " + c.path()).toList(),
                "connections the scenario did not declare");
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream());
    }
}
