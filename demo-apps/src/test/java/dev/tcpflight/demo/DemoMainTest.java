package dev.tcpflight.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DemoMainTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @Test
    void listPrintsOneLinePerScenario() {
        assertEquals(0, DemoMain.run(new String[] {"--list"}, out, err));
        List<String> lines = stdout().lines().toList();
        List<Scenario> all = Scenarios.all();
        assertEquals(all.size(), lines.size());
        for (int i = 0; i < all.size(); i++) {
            assertTrue(lines.get(i).startsWith(all.get(i).name() + "  "), lines.get(i));
            assertTrue(lines.get(i).endsWith(all.get(i).description()), lines.get(i));
        }
    }

    @Test
    void unknownNameExitsTwoListingTheNames() {
        assertEquals(2, DemoMain.run(new String[] {"nope"}, out, err));
        for (Scenario s : Scenarios.all()) {
            assertTrue(stderr().contains(s.name()), stderr());
        }
    }

    @Test
    void tooManyArgumentsExitTwo() {
        assertEquals(2, DemoMain.run(new String[] {"reset", "refused"}, out, err));
    }

    @Test
    void noArgumentRunsTheDefaultScenario() {
        assertEquals(0, DemoMain.run(new String[0], out, err));
        assertTrue(stdout().startsWith(Scenarios.DEFAULT + ": "), stdout());
        assertTrue(stdout().contains("client: connecting to 127.0.0.1:"), stdout());
        assertEquals("", stderr());
    }

    @Test
    void namedScenarioRuns() {
        assertEquals(0, DemoMain.run(new String[] {"refused"}, out, err));
        assertTrue(stdout().contains("ConnectException"), stdout());
    }

    @Test
    void unsupportedScenarioIsSkipped() {
        Scenario unsupported = new StubScenario(Optional.of("needs JDK 21"));
        assertEquals(DemoMain.SKIPPED, DemoMain.run(unsupported, out, err));
        assertEquals("skipped: needs JDK 21" + System.lineSeparator(), stdout());
    }

    @Test
    void failingScenarioExitsOneWithOneLine() {
        assertEquals(1, DemoMain.run(new StubScenario(Optional.empty()), out, err));
        assertEquals(List.of("stub failed: java.io.IOException: boom"), stderr().lines().toList());
    }

    private String stdout() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** Fails when run, so that only skipping can make it succeed. */
    private record StubScenario(Optional<String> reason) implements Scenario {

        @Override
        public String name() {
            return "stub";
        }

        @Override
        public String description() {
            return "a stub";
        }

        @Override
        public List<ExpectedEndpoint> expected() {
            return List.of(Expect.SOCKETS.listener());
        }

        @Override
        public Optional<String> unsupportedReason() {
            return reason;
        }

        @Override
        public void run() throws IOException {
            throw new IOException("boom");
        }
    }
}
