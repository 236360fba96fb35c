package dev.tcpflight.bench;

import dev.tcpflight.bench.workload.StartupProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.tcpflight.bench.Variant.AGENT;
import static dev.tcpflight.bench.Variant.AGENT_JFR;
import static dev.tcpflight.bench.Variant.JFR;
import static dev.tcpflight.bench.Variant.NONE;

/**
 * Time from launching {@code java} to the first line of {@code main}, with and without {@code -javaagent}; and
 * the same with a recording, where JFR's own start-up is paid by both sides.
 */
final class StartupExperiment extends Experiment {

    private static final String FIGURE = "start_ms";

    StartupExperiment() {
        super("start-up");
    }

    @Override
    List<Row> run(Launcher launcher) throws Exception {
        Rounds rounds = Rounds.run(name(), launcher.plan.startupRounds(), List.of(NONE, AGENT, JFR, AGENT_JFR),
                launcher, (variant, first) -> Map.of(FIGURE, launchToMain(launcher, variant)));
        boolean judged = !launcher.plan.quick();
        return List.of(
                row(rounds, AGENT, NONE, Target.atMost(250, Unit.MILLIS), judged),
                row(rounds, AGENT_JFR, JFR, Target.NONE, judged));
    }

    private Row row(Rounds rounds, Variant measured, Variant baseline, Target target, boolean judged) {
        String workload = String.format("JVM launch → main (%s: %s, %s: %s)",
                baseline.label, Unit.MILLIS.format(Stats.median(rounds.values(baseline, FIGURE))),
                measured.label, Unit.MILLIS.format(Stats.median(rounds.values(measured, FIGURE))));
        return Row.of(name(), workload, measured.label + " − " + baseline.label,
                rounds.differences(FIGURE, measured, baseline), Unit.MILLIS, target, judged);
    }

    private static double launchToMain(Launcher launcher, Variant variant) throws Exception {
        try (ChildJvm child = launcher.start(launcher.options(variant, null), StartupProbe.class, List.of(),
                Duration.ZERO)) {
            long nanos = child.awaitLine(StartupProbe.LINE::equals);
            child.finish();
            return nanos / 1e6;
        }
    }
}
