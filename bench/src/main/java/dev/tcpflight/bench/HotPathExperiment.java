package dev.tcpflight.bench;

import dev.tcpflight.bench.jmh.HotPathBenchmark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;

/**
 * The JMH benchmark of the agent's per-call cost ({@link HotPathBenchmark}), with {@code -prof gc}: nanoseconds
 * added to a read or write call (the benchmark minus the empty call), and the bytes allocated per call.
 */
final class HotPathExperiment extends Experiment {

    private static final double MAX_ADDED_NS = 20;
    /** JMH reports an allocation-free call as a few 10^-5 B/op of its own bookkeeping. */
    private static final double ZERO_BYTES = 0.01;

    HotPathExperiment() {
        super("hot path (JMH)");
    }

    @Override
    List<Row> run(Launcher launcher) throws Exception {
        Map<String, RunResult> results = Jmh.run(launcher, HotPathBenchmark.class);
        double empty = Stats.median(Jmh.iterationScores(results.get("empty")));
        String workload = String.format("TcpBridge, %,d sockets tracked", HotPathBenchmark.OPEN_SOCKETS);
        boolean judged = !launcher.plan.quick();
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("hot path", workload, "empty call (baseline)", Jmh.iterationScores(results.get("empty")),
                Unit.NANOS, Target.NONE, judged));
        for (String benchmark : List.of("readTracked", "writeTracked", "readUntracked")) {
            RunResult result = results.get(benchmark);
            double bytes = result.getSecondaryResults().get(Jmh.ALLOCATION).getScore();
            double[] added = Jmh.iterationScores(result);
            for (int i = 0; i < added.length; i++) {
                added[i] -= empty;
            }
            rows.add(Row.of("hot path", workload, String.format("%s: added, %.3f B/call", benchmark, bytes),
                    added, Unit.NANOS, new Target("≤ " + Unit.NANOS.format(MAX_ADDED_NS) + ", 0 B",
                            v -> Stats.median(v) <= MAX_ADDED_NS && bytes < ZERO_BYTES), judged));
        }
        return rows;
    }
}
