package dev.tcpflight.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CI smoke run: every workload works and the table is printed; no timing is asserted. */
class HarnessTest {

    @Test
    void quickRunMeasuresEveryWorkloadAndPrintsTheTable() throws Exception {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Plan quick = Harness.plan(new String[] {"--quick"});
        int exit = Harness.run(quick, new PrintStream(table, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        String printed = table.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertEquals(0, exit, () -> "a workload failed:\n" + printed + log.toString(StandardCharsets.UTF_8));
        assertFalse(printed.contains("FAILED"), printed);
        for (String figure : new String[] {"hot path", "throughput", "latency p99", "churn throughput",
                "idle agent", "start-up", "attach", "http server", "CLI", "kernel sampler"}) {
            assertTrue(printed.contains("| " + figure), "no " + figure + " row:\n" + printed);
        }
        assertTrue(printed.contains("not judged"), "a quick run must not judge its figures:\n" + printed);
        assertFalse(printed.contains("| met") || printed.contains("MISSED"), printed);
    }

    @Test
    void fullRunIsTheDefaultAndRoundsCanBeChosen() {
        assertEquals(Plan.DEFAULT_ROUNDS, Harness.plan(new String[0]).rounds());
        assertEquals(3, Harness.plan(new String[] {"--rounds", "3"}).rounds());
        assertThrows(IllegalArgumentException.class, () -> Harness.plan(new String[] {"--rounds", "0"}));
        assertThrows(IllegalArgumentException.class, () -> Harness.plan(new String[] {"--fast"}));
    }

    @Test
    void onlySelectsExperimentsByName() {
        Plan churn = Harness.plan(new String[] {"--only", "churn"});
        assertEquals(List.of("connection churn"),
                Harness.experiments().stream().filter(churn::includes).map(Experiment::name).toList());
        assertEquals(Harness.experiments().size(),
                Harness.experiments().stream().filter(Harness.plan(new String[0])::includes).count());
        assertThrows(IllegalArgumentException.class, () -> Harness.plan(new String[] {"--only", "nothing"}));
        assertThrows(IllegalArgumentException.class, () -> Harness.plan(new String[] {"--only"}));
    }
}
