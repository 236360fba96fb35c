package dev.tcpflight.bench;

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

/** Runs the JMH benchmarks of one class at the plan's forks and iterations, with {@code -prof gc}. */
final class Jmh {

    /** The allocation per call {@code -prof gc} reports, in bytes. */
    static final String ALLOCATION = "gc.alloc.rate.norm";

    private Jmh() {
    }

    /** Each benchmark method's result, by its name. */
    static Map<String, RunResult> run(Launcher launcher, Class<?> benchmarks, String... jvmArgs) throws Exception {
        Plan plan = launcher.plan;
        TimeValue iteration = TimeValue.milliseconds(plan.jmhIterationMs());
        List<String> args = new ArrayList<>(List.of("-Xms512m", "-Xmx512m"));
        args.addAll(List.of(jvmArgs));
        Options options = new OptionsBuilder()
                .include(Pattern.quote(benchmarks.getName()) + "\\.")
                .forks(plan.jmhForks())
                .warmupIterations(plan.jmhIterations()).warmupTime(iteration)
                .measurementIterations(plan.jmhIterations()).measurementTime(iteration)
                .addProfiler(GCProfiler.class)
                .jvmArgs(args.toArray(String[]::new))
                .shouldFailOnError(true)
                .build();
        VerboseMode verbosity = plan.quick() ? VerboseMode.SILENT : VerboseMode.NORMAL;
        Map<String, RunResult> results = new HashMap<>();
        for (RunResult result : new Runner(options, OutputFormatFactory.createFormatInstance(launcher.progress,
                verbosity)).run()) {
            String benchmark = result.getParams().getBenchmark();
            results.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), result);
        }
        return results;
    }

    /** The score of every measured iteration of every fork. */
    static double[] iterationScores(RunResult result) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            fork.getIterationResults().forEach(iteration -> scores.add(iteration.getPrimaryResult().getScore()));
        }
        return scores.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
