package dev.tcpflight.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmark suite and prints its table: the JMH hot-path figures, then whole-JVM comparisons of the
 * variants, each in its own child JVMs, alternating over several rounds. {@code --quick} runs every workload
 * briefly and judges nothing: it only shows that the suite works.
 */
public final class Harness {

    private static final String USAGE = """
            usage: bench/run [--quick] [--rounds N] [--only TEXT]
              --quick      every workload briefly, no figure judged (a smoke test, under a minute)
              --rounds N   alternating rounds of the whole-JVM comparisons (default %d)
              --only TEXT  only the experiments whose name contains TEXT, e.g. --only churn"""
            .formatted(Plan.DEFAULT_ROUNDS);

    private Harness() {
    }

    static List<Experiment> experiments() {
        return List.of(new HotPathExperiment(), new SteadyStateExperiment("blocking"),
                new SteadyStateExperiment("nio"), new StartupExperiment(), new AttachExperiment(),
                new ChurnExperiment(), new HttpServerExperiment(true), new HttpServerExperiment(false),
                new CliExperiment(), new KernelSamplerExperiment(), new KernelQuestionsExperiment());
    }

    public static void main(String[] args) throws IOException {
        Plan plan;
        try {
            plan = plan(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        System.exit(run(plan, System.out, System.err));
    }

    static Plan plan(String[] args) {
        boolean quick = false;
        int rounds = Plan.DEFAULT_ROUNDS;
        String only = "";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--rounds" -> rounds = i + 1 < args.length ? rounds(args[++i]) : rounds("");
                case "--only" -> only = i + 1 < args.length ? only(args[++i]) : only("");
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        return quick ? Plan.quickRun(only) : Plan.fullRun(rounds, only);
    }

    private static int rounds(String value) {
        try {
            int rounds = Integer.parseInt(value);
            if (rounds > 0) {
                return rounds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--rounds needs a positive number, got '" + value + "'");
    }

    private static String only(String text) {
        if (text.isEmpty() || experiments().stream().noneMatch(experiment -> experiment.name().contains(text))) {
            throw new IllegalArgumentException("--only matches no experiment: '" + text + "'; the experiments: "
                    + experiments().stream().map(Experiment::name).toList());
        }
        return text;
    }

    /** Runs every experiment and prints the table to {@code out}; 0 when all ran, 1 when one failed. */
    static int run(Plan plan, PrintStream out, PrintStream log) throws IOException {
        long start = System.nanoTime();
        String loadBefore = loadAverage();
        List<Row> rows = new ArrayList<>();
        int failed = 0;
        try (Launcher launcher = new Launcher(plan, log)) {
            for (Experiment experiment : experiments().stream().filter(plan::includes).toList()) {
                launcher.log("%s", experiment.name());
                try {
                    rows.addAll(experiment.run(launcher));
                } catch (Exception e) {
                    failed++;
                    e.printStackTrace(log);
                    String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                    rows.add(new Row(experiment.name(), "", "", "", "", "", "FAILED: " + why));
                }
            }
        }
        printHeader(plan, Duration.ofNanos(System.nanoTime() - start), loadBefore, out);
        Table.print(rows, out);
        return failed == 0 ? 0 : 1;
    }

    private static void printHeader(Plan plan, Duration took, String loadBefore, PrintStream out) {
        out.printf("tcpflight benchmarks, %s%n",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        out.printf("- JDK: %s %s (%s)%n", System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
                System.getProperty("java.vm.vendor"));
        out.printf("- machine: %s; shared and noisy (load average %s before, %s after), so read every median"
                + " with its spread%n", machine(), loadBefore, loadAverage());
        out.printf("- %s; took %d min %02d s%n", plan.describe(), took.toMinutes(), took.toSecondsPart());
        out.println("- ratios are per round, a variant's figure over its baseline's: above 1 is faster for "
                + "throughput, slower for latency");
        for (Variant variant : Variant.values()) {
            out.printf("- %s: %s%n", variant.label, variant.description);
        }
        out.println();
    }

    /** The 1-minute load average: other processes competing for the cores during the run. */
    private static String loadAverage() {
        return String.format("%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException e) {
            // not Linux: the CPU stays unnamed
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format("%s, %d cores, %d GiB, %s %s %s", cpu, Runtime.getRuntime().availableProcessors(),
                memory >> 30, System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"));
    }
}
