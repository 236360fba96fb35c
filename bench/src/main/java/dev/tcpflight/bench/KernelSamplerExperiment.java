package dev.tcpflight.bench;

import dev.tcpflight.bench.workload.TimeWaitSockets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The kernel sampler's own CPU while the agent follows many sockets in TIME_WAIT (agent option kernel=on). */
final class KernelSamplerExperiment extends Experiment {

    private static final int SOCKETS_FULL = 10_000;
    private static final int SOCKETS_QUICK = 500;
    /** Several of the sampler's 1 s slow intervals: its reads of 10,000 rows are what is measured. */
    private static final int MEASURE_MS_FULL = 10_000;

    KernelSamplerExperiment() {
        super("kernel sampler");
    }

    @Override
    List<Row> run(Launcher launcher) throws Exception {
        int sockets = launcher.plan.quick() ? SOCKETS_QUICK : SOCKETS_FULL;
        List<String> options = List.of("-javaagent:" + launcher.agentJar + "=kernel=on");
        int measureMs = launcher.plan.quick() ? launcher.plan.measureMs() : MEASURE_MS_FULL;
        List<String> args = List.of("sockets=" + sockets, "measureMs=" + measureMs);
        int rounds = launcher.plan.rounds();
        double[] cpu = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            try (ChildJvm child = launcher.start(options, TimeWaitSockets.class, args,
                    Duration.ofMillis(measureMs + sockets))) {
                Map<String, Double> result = child.result();
                child.finish();
                cpu[round] = result.get("sampler_cpu_pct");
            }
            launcher.log("%s, round %d/%d: %.2f %% of one core", name(), round + 1, rounds, cpu[round]);
        }
        return List.of(Row.of("kernel sampler", String.format("following %,d sockets in TIME_WAIT", sockets),
                "CPU of the sampler thread, % of one core", cpu, Unit.PERCENT, Target.atMost(2, Unit.PERCENT),
                !launcher.plan.quick()));
    }
}
