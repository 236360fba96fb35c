package dev.tcpflight.bench;

import static dev.tcpflight.bench.Variant.AGENT;
import static dev.tcpflight.bench.Variant.AGENT_JFR;
import static dev.tcpflight.bench.Variant.JFR;
import static dev.tcpflight.bench.Variant.NONE;

import dev.tcpflight.bench.workload.SteadyEcho;
import java.util.List;

/** Echo over persistent connections: throughput, latency, and the idle agent, for one socket API. */
final class SteadyStateExperiment extends Experiment {

    private static final List<Variant> VARIANTS = List.of(NONE, JFR, AGENT_JFR, AGENT);
    private static final int CONNECTIONS = 4;
    private static final int SIZE = 1024;

    private final String api;

    /** {@code api}: {@code blocking} (java.net sockets) or {@code nio} (channels, selector server). */
    SteadyStateExperiment(String api) {
        super("steady-state echo, " + api);
        this.api = api;
    }

    @Override
    List<Row> run(Launcher launcher) throws Exception {
        List<String> args = List.of("api=" + api, "connections=" + CONNECTIONS, "size=" + SIZE);
        Rounds rounds = Rounds.run(name(), launcher.plan.rounds(), VARIANTS, launcher,
                (variant, first) -> launcher.measure(variant, first, SteadyEcho.class, args));
        Comparisons compare = new Comparisons(rounds,
                String.format("echo %s, %d conns, %d B", api, CONNECTIONS, SIZE), !launcher.plan.quick());
        return List.of(
                compare.ratio("throughput", "ops_per_s", AGENT_JFR, JFR, Target.atLeast(0.98)),
                compare.ratio("throughput", "ops_per_s", AGENT_JFR, NONE, Target.atLeast(0.97)),
                compare.ratio("throughput", "ops_per_s", JFR, NONE, Target.NONE),
                compare.ratio("latency p50", "p50_us", AGENT_JFR, JFR, Target.NONE),
                compare.ratio("latency p99", "p99_us", AGENT_JFR, JFR, Target.atMost(1.05, Unit.RATIO)),
                compare.ratio("CPU per op", "cpu_us_per_op", AGENT_JFR, JFR, Target.NONE),
                compare.ratio("idle agent", "ops_per_s", AGENT, NONE, Target.WITHIN_NOISE));
    }
}
