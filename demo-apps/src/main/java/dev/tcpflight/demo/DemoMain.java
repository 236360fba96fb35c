package dev.tcpflight.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Main class of the demo jar: {@code DemoMain [NAME | --list]}; without a name it runs {@link Scenarios#DEFAULT}. */
public final class DemoMain {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    /** The scenario cannot run on this JVM (a JDK 21 API on JDK 17): not a failure, but nothing was recorded. */
    public static final int SKIPPED = 3;

    private DemoMain() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        settle();
        System.exit(status);
    }

    /** Everything {@link #main} does except exiting: returns the exit code. */
    static final long SETTLE_MILLIS = 1_000;

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1) {
            err.println("usage: DemoMain [NAME | --list]");
            return USAGE;
        }
        String name = args.length == 0 ? Scenarios.DEFAULT : args[0];
        if (name.equals("--list")) {
            list(Scenarios.all(out), out);
            return OK;
        }
        Optional<Scenario> scenario = Scenarios.byName(name, out);
        if (scenario.isEmpty()) {
            err.println("unknown scenario '" + name + "'; known: "
                    + Scenarios.all(out).stream().map(Scenario::name).collect(Collectors.joining(", ")));
            return USAGE;
        }
        return run(scenario.get(), out, err);
    }

    /**
     * The states after the last close (FIN_WAIT_2, TIME_WAIT, LAST_ACK→CLOSED) happen in the kernel a moment later;
     * staying alive briefly lets an observer that polls the OS socket table, such as tcpflight's kernel sampler,
     * see them before the JVM exits.
     */
    private static void settle() {
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int run(Scenario scenario, PrintStream out, PrintStream err) {
        Optional<String> unsupported = scenario.unsupportedReason();
        if (unsupported.isPresent()) {
            out.println("skipped: " + unsupported.get());
            return SKIPPED;
        }
        out.println(scenario.name() + ": " + scenario.description());
        try {
            scenario.run();
            return OK;
        } catch (Exception e) {
            err.println(scenario.name() + " failed: " + e);
            return FAILED;
        }
    }

    /** One line per scenario, descriptions aligned two spaces after the longest name. */
    private static void list(List<Scenario> scenarios, PrintStream out) {
        int width = scenarios.stream().mapToInt(s -> s.name().length()).max().orElse(0);
        for (Scenario s : scenarios) {
            out.println(String.format("%-" + width + "s  %s", s.name(), s.description()));
        }
    }
}
