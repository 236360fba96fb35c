package dev.tcpflight.bench;

import static dev.tcpflight.bench.Variant.AGENT;
import static dev.tcpflight.bench.Variant.AGENT_JFR;
import static dev.tcpflight.bench.Variant.AGENT_JFR_NO_STACKS;
import static dev.tcpflight.bench.Variant.JFR;
import static dev.tcpflight.bench.Variant.NONE;

import dev.tcpflight.bench.workload.HttpServerLoad;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real server, the JDK's {@code com.sun.net.httpserver} (what {@code jwebserver} runs), under {@code wrk}:
 * a new connection per request, or keep-alive. Skipped, with a row saying so, where {@code wrk} is not installed.
 */
final class HttpServerExperiment extends Experiment {

    private static final List<Variant> CLOSE_VARIANTS = List.of(NONE, JFR, AGENT_JFR, AGENT_JFR_NO_STACKS, AGENT);
    private static final List<Variant> KEEP_ALIVE_VARIANTS = List.of(NONE, JFR, AGENT_JFR, AGENT);
    /**
     * The server's code is still being compiled by C2 for well over 2 s on 2 shared cores (the JIT compiler
     * takes a third of the CPU in the first 6 s with or without the agent, and the agent's advice makes more to
     * compile): the rows are the steady state of a server left running, the start-up rows show the JVM's start.
     */
    private static final int WARMUP_MS = 10_000;

    private final boolean close;

    /** {@code close}: every request on a new connection ({@code Connection: close}); else keep-alive. */
    HttpServerExperiment(boolean close) {
        super("http server, " + (close ? "connection per request" : "keep-alive"));
        this.close = close;
    }

    @Override
    List<Row> run(Launcher launcher) throws Exception {
        String workload = "JDK HttpServer, wrk -t2 -c16" + (close ? ", Connection: close" : ", keep-alive");
        if (!wrkInstalled()) {
            return List.of(new Row("http server", workload, "", "", "", "", "skipped: wrk not on the PATH"));
        }
        List<String> args = List.of("close=" + close);
        int warmupMs = launcher.plan.quick() ? launcher.plan.warmupMs() : WARMUP_MS;
        Rounds rounds = Rounds.run(name(), launcher.plan.rounds(), close ? CLOSE_VARIANTS : KEEP_ALIVE_VARIANTS,
                launcher, (variant, first) -> launcher.measure(variant, first, HttpServerLoad.class, args, warmupMs));
        Comparisons compare = new Comparisons(rounds, workload, !launcher.plan.quick());
        List<Row> rows = new ArrayList<>(List.of(
                compare.ratio("http server", "ops_per_s", AGENT_JFR, JFR, Target.atLeast(close ? 0.95 : 0.98))));
        if (close) {
            rows.add(compare.ratio("http server", "ops_per_s", AGENT_JFR_NO_STACKS, JFR, Target.NONE));
        }
        rows.addAll(List.of(
                compare.ratio("http server", "ops_per_s", JFR, NONE, Target.NONE),
                compare.ratio("http latency p99", "p99_us", AGENT_JFR, JFR, Target.NONE),
                compare.ratio("CPU per request", "cpu_us_per_op", AGENT_JFR, JFR, Target.NONE),
                compare.ratio("CPU per request", "cpu_us_per_op", AGENT, NONE, Target.NONE),
                compare.ratio("idle agent", "ops_per_s", AGENT, NONE, Target.WITHIN_NOISE)));
        return rows;
    }

    private static boolean wrkInstalled() {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .map(dir -> Path.of(dir, "wrk")).anyMatch(Files::isExecutable);
    }
}
