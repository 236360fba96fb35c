package dev.tcpflight.bench;

import dev.tcpflight.agent.kernel.PeerCloseWatcher;
import dev.tcpflight.bench.jmh.KernelQuestionsBenchmark;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/**
 * The cost of asking the kernel who closed first ({@link KernelQuestionsBenchmark}): per close, and per periodic
 * peer-close look with the CPU share that look takes at its interval, for a process holding
 * {@value KernelQuestionsBenchmark#OPEN_CONNECTIONS} connections.
 */
final class KernelQuestionsExperiment extends Experiment {

    /** The looks' budget (the kernel sampler's): above it the watcher spaces its looks out. */
    private static final double LOOK_BUDGET_PERCENT = 1;
    /** An unread FIN is recorded a look plus 250 ms after it came; the bound for that is 1 s. */
    private static final double MAX_LOOK_INTERVAL_MS = 750;

    KernelQuestionsExperiment() {
        super("kernel questions (JMH)");
    }

    @Override
    List<Row> run(Launcher launcher) throws Exception {
        Map<String, RunResult> results = Jmh.run(launcher, KernelQuestionsBenchmark.class,
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED");
        String workload = String.format("loopback, %,d open connections tracked",
                KernelQuestionsBenchmark.OPEN_CONNECTIONS);
        boolean judged = !launcher.plan.quick();
        double[] look = Jmh.iterationScores(results.get("peerLook"));
        double intervalMicros = PeerCloseWatcher.INTERVAL_MS * 1_000.0;
        double[] share = Arrays.stream(look).map(us -> 100 * us / intervalMicros).toArray();
        double[] spaced = Arrays.stream(look)
                .map(us -> Math.max(PeerCloseWatcher.INTERVAL_MS, us * 100 / LOOK_BUDGET_PERCENT / 1_000)).toArray();
        double[] perConnection = Arrays.stream(look).map(us -> us / KernelQuestionsBenchmark.OPEN_CONNECTIONS)
                .toArray();
        return List.of(
                Row.of("close", workload, "kernel asked before each close (poll)",
                        Jmh.iterationScores(results.get("closeQuestions")), Unit.MICROS, Target.NONE, judged),
                Row.of("close", workload, "the same once SO_LINGER was set (getsockopt, poll)",
                        Jmh.iterationScores(results.get("closeQuestionsLingerSet")), Unit.MICROS, Target.NONE,
                        judged),
                Row.of("peer-close look", workload, "one look", look, Unit.MICROS, Target.NONE, judged),
                Row.of("peer-close look", workload, "per connection asked", perConnection, Unit.MICROS,
                        Target.NONE, judged),
                Row.of("peer-close look", workload, String.format("CPU at one look every %d ms, %% of one core",
                        PeerCloseWatcher.INTERVAL_MS), share, Unit.PERCENT, Target.NONE, judged),
                Row.of("peer-close look", workload, String.format("interval within the %.0f %% budget",
                        LOOK_BUDGET_PERCENT), spaced, Unit.MILLIS, Target.atMost(MAX_LOOK_INTERVAL_MS, Unit.MILLIS),
                        judged));
    }
}
