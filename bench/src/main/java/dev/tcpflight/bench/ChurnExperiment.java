package dev.tcpflight.bench;

import static dev.tcpflight.bench.Variant.AGENT;
import static dev.tcpflight.bench.Variant.AGENT_JFR;
import static dev.tcpflight.bench.Variant.AGENT_JFR_NO_STACKS;
import static dev.tcpflight.bench.Variant.JFR;
import static dev.tcpflight.bench.Variant.NONE;

import dev.tcpflight.bench.workload.Churn;
import java.util.List;

/** Connection churn: the agent's per-connection cost, with stack traces on and off, and the idle agent. */
final class ChurnExperiment extends Experiment {

    private static final List<Variant> VARIANTS = List.of(NONE, JFR, AGENT_JFR, AGENT_JFR_NO_STACKS, AGENT);
    private static final int CLIENTS = 2;
    private static final int SIZE = 1024;

    ChurnExperiment() {
        super("connection churn");
    }

    @Override
    List<Row> run(Launcher launcher) throws Exception {
        List<String> args = List.of("clients=" + CLIENTS, "size=" + SIZE);
        Rounds rounds = Rounds.run(name(), launcher.plan.rounds(), VARIANTS, launcher,
                (variant, first) -> launcher.measure(variant, first, Churn.class, args));
        Comparisons compare = new Comparisons(rounds,
                String.format("churn, %d clients, %d B", CLIENTS, SIZE), !launcher.plan.quick());
        return List.of(
                compare.ratio("churn throughput", "ops_per_s", AGENT_JFR, JFR, Target.atLeast(0.90)),
                compare.ratio("churn throughput", "ops_per_s", AGENT_JFR_NO_STACKS, JFR, Target.atLeast(0.95)),
                compare.ratio("churn throughput", "ops_per_s", AGENT_JFR, NONE, Target.NONE),
                compare.ratio("churn throughput", "ops_per_s", JFR, NONE, Target.NONE),
                compare.ratio("churn latency p99", "p99_us", AGENT_JFR, JFR, Target.NONE),
                compare.ratio("CPU per conn", "cpu_us_per_op", AGENT_JFR, JFR, Target.NONE),
                compare.ratio("CPU per conn", "cpu_us_per_op", AGENT_JFR_NO_STACKS, JFR, Target.NONE),
                compare.ratio("CPU per conn", "cpu_us_per_op", AGENT, NONE, Target.NONE),
                compare.value("CPU per conn", "cpu_us_per_op", JFR, Unit.MICROS),
                compare.difference("CPU per conn", "cpu_us_per_op", AGENT_JFR, JFR, Unit.MICROS),
                compare.value("allocated per conn", "bytes_per_op", JFR, Unit.BYTES),
                compare.difference("allocated per conn", "bytes_per_op", AGENT_JFR, JFR, Unit.BYTES),
                compare.ratio("idle agent", "ops_per_s", AGENT, NONE, Target.WITHIN_NOISE));
    }
}
