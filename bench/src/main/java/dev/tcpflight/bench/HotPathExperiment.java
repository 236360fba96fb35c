package dev.tcpflight.bench;

import dev.tcpflight.bench.jmh.HotPathBenchmark;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH benchmark of the agent's per-call cost ({@link HotPathBenchmark}), with {@code -prof gc}: nanoseconds
 * added to a read or write call (the benchmark minus the empty call), and the bytes allocated per call.
 */
final class HotPathExperiment extends Experiment {

    private static final double MAX_ADDED_NS = 20;
    /** JMH reports an allocation-free call as a few 10^-5 B/op of its own bookkeeping. */
    private static final double ZERO_BYTES = 0.01;
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    HotPathExperiment() {
        super("hot path (JMH)");
    }

    @Override
    List<Row> run(Launcher launcher) throws Exception {
        Plan plan = launcher.plan;
        TimeValue iteration = TimeValue.milliseconds(plan.jmhIterationMs());
        Options options = new OptionsBuilder()
                .include(Pattern.quote(HotPathBenchmark.class.getName()) + "\\.")
                .forks(plan.jmhForks())
                .warmupIterations(plan.jmhIterations()).warmupTime(iteration)
                .measurementIterations(plan.jmhIterations()).measurementTime(iteration)
                .addProfiler(GCProfiler.class)
                .jvmArgs("-Xms512m", "-Xmx512m")
                .shouldFailOnError(true)
                .build();
        VerboseMode verbosity = plan.quick() ? VerboseMode.SILENT : VerboseMode.NORMAL;
        Map<String, RunResult> results = new HashMap<>();
        for (RunResult result : new Runner(options, OutputFormatFactory.createFormatInstance(launcher.progress,
                verbosity)).run()) {
            String benchmark = result.getParams().getBenchmark();
            results.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), result);
        }
        double empty = Stats.median(iterationScores(results.get("empty")));
        String workload = String.format("TcpBridge, %,d sockets tracked", HotPathBenchmark.OPEN_SOCKETS);
        boolean judged = !plan.quick();
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("hot path", workload, "empty call (baseline)", iterationScores(results.get("empty")),
                Unit.NANOS, Target.NONE, judged));
        for (String benchmark : List.of("readTracked", "writeTracked", "readUntracked")) {
            RunResult result = results.get(benchmark);
            double bytes = result.getSecondaryResults().get(ALLOCATION).getScore();
            double[] added = iterationScores(result);
            for (int i = 0; i < added.length; i++) {
                added[i] -= empty;
            }
            rows.add(Row.of("hot path", workload, String.format("%s: added, %.3f B/call", benchmark, bytes),
                    added, Unit.NANOS, new Target("≤ " + Unit.NANOS.format(MAX_ADDED_NS) + ", 0 B",
                            v -> Stats.median(v) <= MAX_ADDED_NS && bytes < ZERO_BYTES), judged));
        }
        return rows;
    }

    private static double[] iterationScores(RunResult result) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            fork.getIterationResults().forEach(iteration -> scores.add(iteration.getPrimaryResult().getScore()));
        }
        return scores.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
