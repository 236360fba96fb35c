package dev.tcpflight.bench;

import static dev.tcpflight.bench.Variant.AGENT;
import static dev.tcpflight.bench.Variant.AGENT_JFR;
import static dev.tcpflight.bench.Variant.JFR;
import static dev.tcpflight.bench.Variant.NONE;

import dev.tcpflight.bench.workload.StartupProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Time from launching {@code java} to the first line of {@code main}, and to the end of the first loopback
 * connection, with and without {@code -javaagent}; and the same with a recording, where JFR's own start-up is
 * paid by both sides. The agent defers its instrumentation to the first socket class, hence the second figure.
 */
final class StartupExperiment extends Experiment {

    private static final String MAIN = "main_ms";
    private static final String CONNECTED = "connected_ms";

    StartupExperiment() {
        super("start-up");
    }

    @Override
    List<Row> run(Launcher launcher) throws Exception {
        Rounds rounds = Rounds.run(name(), launcher.plan.startupRounds(), List.of(NONE, AGENT, JFR, AGENT_JFR),
                launcher, (variant, first) -> launch(launcher, variant));
        boolean judged = !launcher.plan.quick();
        return List.of(
                row(rounds, MAIN, "main", AGENT, NONE, Target.atMost(250, Unit.MILLIS), judged),
                row(rounds, CONNECTED, "first connection", AGENT, NONE, Target.NONE, judged),
                row(rounds, MAIN, "main", AGENT_JFR, JFR, Target.NONE, judged),
                row(rounds, CONNECTED, "first connection", AGENT_JFR, JFR, Target.NONE, judged));
    }

    private Row row(Rounds rounds, String figure, String until, Variant measured, Variant baseline, Target target,
                    boolean judged) {
        String workload = String.format("JVM launch → %s (%s: %s, %s: %s)", until,
                baseline.label, Unit.MILLIS.format(Stats.median(rounds.values(baseline, figure))),
                measured.label, Unit.MILLIS.format(Stats.median(rounds.values(measured, figure))));
        return Row.of(name(), workload, measured.label + " − " + baseline.label,
                rounds.differences(figure, measured, baseline), Unit.MILLIS, target, judged);
    }

    private static Map<String, Double> launch(Launcher launcher, Variant variant) throws Exception {
        try (ChildJvm child = launcher.start(launcher.options(variant, null), StartupProbe.class, List.of(),
                Duration.ZERO)) {
            long main = child.awaitLine(StartupProbe.MAIN::equals);
            long connected = child.awaitLine(StartupProbe.CONNECTED::equals);
            child.finish();
            return Map.of(MAIN, main / 1e6, CONNECTED, connected / 1e6);
        }
    }
}
