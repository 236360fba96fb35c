package dev.tcpflight.bench;


/**
 * How long and how often to measure: the full suite, or the quick run that only proves every workload works
 * (for CI: its figures are printed but never judged).
 *
 * @param rounds         rounds of the alternating whole-JVM comparisons
 * @param startupRounds  rounds of the start-up comparison (each is a fraction of a second)
 * @param warmupMs       per workload JVM, before measuring
 * @param measureMs      per workload JVM, measured
 * @param jmhForks       JMH forks per benchmark
 * @param jmhIterations  JMH warm-up and measurement iterations (each) per fork
 * @param jmhIterationMs length of one JMH iteration
 * @param only           runs only the experiments whose name contains this text; empty: all of them
 */
record Plan(boolean quick, int rounds, int startupRounds, int warmupMs, int measureMs,
            int jmhForks, int jmhIterations, int jmhIterationMs, String only) {

    static final int DEFAULT_ROUNDS = 5;

    static Plan fullRun(int rounds, String only) {
        return new Plan(false, rounds, 2 * rounds, 2_000, 4_000, 2, 5, 1_000, only);
    }

    static Plan quickRun(String only) {
        return new Plan(true, 1, 1, 300, 500, 1, 1, 100, only);
    }

    boolean includes(Experiment experiment) {
        return experiment.name().contains(only);
    }

    String describe() {
        return quick
                ? "quick run (smoke test: figures are not judged)"
                : String.format("full run: %d alternating rounds, %.0f s warm-up + %.0f s measured per workload JVM",
                        rounds, warmupMs / 1e3, measureMs / 1e3);
    }
}
