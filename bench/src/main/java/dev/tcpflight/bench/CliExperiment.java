package dev.tcpflight.bench;

import static dev.tcpflight.bench.Variant.AGENT_JFR;

import dev.tcpflight.bench.workload.Churn;
import dev.tcpflight.bench.workload.ParseOnly;
import dev.tcpflight.cli.TcpflightCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CLI at scale, run as a user runs it: {@code summary} and {@code timeline} of one large recording, each in a
 * JVM with 256 MB of heap. The recording is the agent's own, made under connection churn (about a million
 * transitions in a full run). Throughput counts transitions and connection ends (the CLI's events; a connect's or
 * an accept's two transitions are one JFR event since 2026-12-04) over the whole command, JVM start included, the
 * reference's with the same count; {@code timeline} prints everything (to nowhere). The JDK's
 * parser alone, in a JVM of its own, is the reference: what any reader built on jdk.jfr.consumer starts from.
 */
final class CliExperiment extends Experiment {

    private static final String HEAP = "-Xmx192m"; // as the launcher runs the reading commands
    private static final String SERIAL_GC = "-XX:+UseSerialGC";
    /** The system property that makes the CLI read with the JDK's parser. */
    private static final String JDK_PARSER = "tcpflight.parser=jdk";
    private static final Pattern COUNTS = Pattern.compile("(\\d+) connections, (\\d+) transitions in .*");
    /** Big JFR buffers: under churn a small budget drops events when the writer falls behind. */
    private static final String JFR_MEMORY = "-XX:FlightRecorderOptions:memorysize=512m,numglobalbuffers=256";
    private static final int CLIENTS = 2;
    private static final int RECORD_MS_FULL = 9_000;

    CliExperiment() {
        super("CLI at scale");
    }

    @Override
    List<Row> run(Launcher launcher) throws Exception {
        Path recording = record(launcher);
        Path cli = Launcher.codeSource(TcpflightCli.class);
        if (!Files.isRegularFile(cli)) {
            throw new IllegalStateException("the CLI classes come from " + cli + ", not from the CLI jar: build the"
                    + " CLI with `mvn package` first");
        }
        long[] counts = counts(run(launcher, cliCommand(cli, "summary", recording), true).out());
        double events = counts[0] + counts[1];
        int rounds = launcher.plan.rounds();
        double[] parser = new double[rounds];
        double[] summary = new double[rounds];
        double[] summaryJdk = new double[rounds];
        double[] ownOverJdk = new double[rounds];
        double[] timeline = new double[rounds];
        double[] summaryMemory = new double[rounds];
        double[] timelineMemory = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            parser[round] = events / run(launcher, parseOnly(recording), false).seconds();
            Command own = run(launcher, cliCommand(cli, "summary", recording), false);
            Command jdk = run(launcher, cliCommand(cli, "-D" + JDK_PARSER, "summary", recording), false);
            Command printed = run(launcher, cliCommand(cli, "timeline", recording), false);
            summary[round] = events / own.seconds();
            summaryJdk[round] = events / jdk.seconds();
            ownOverJdk[round] = jdk.seconds() / own.seconds();
            timeline[round] = events / printed.seconds();
            summaryMemory[round] = own.peakMegabytes();
            timelineMemory[round] = printed.peakMegabytes();
            launcher.log("%s, round %d/%d: JDK parser alone %.0f events/s, summary %.0f events/s (%.0f with the"
                    + " JDK's parser), timeline %.0f events/s; peak RSS %.0f MB, %.0f MB", name(), round + 1, rounds,
                    parser[round], summary[round], summaryJdk[round], timeline[round], summaryMemory[round],
                    timelineMemory[round]);
        }
        boolean judged = !launcher.plan.quick();
        String of = String.format("%,d transitions and %,d connection ends (agent under churn), %s", counts[1],
                counts[0], HEAP);
        return List.of(
                Row.of("CLI", "the JDK's parser alone (RecordingFile, one thread, no field read) on the same file, "
                        + HEAP, "events/s", parser, Unit.PER_SECOND, Target.NONE, judged),
                Row.of("CLI", "summary of " + of, "events/s", summary, Unit.PER_SECOND,
                        Target.atLeast(3e6, Unit.PER_SECOND), judged),
                Row.of("CLI", "summary of " + of + ", read by the JDK's parser (-D" + JDK_PARSER + ")", "events/s",
                        summaryJdk, Unit.PER_SECOND, Target.NONE, judged),
                Row.of("CLI", "summary of " + of, "tcpflight's chunk reader / the JDK's parser", ownOverJdk,
                        Unit.RATIO, Target.NONE, judged),
                Row.of("CLI", "timeline of " + of + ", printed in two passes", "events/s", timeline,
                        Unit.PER_SECOND, Target.atLeast(1.5e6, Unit.PER_SECOND), judged),
                Row.of("CLI", "summary of " + of, "peak RSS", summaryMemory, Unit.MEGABYTES,
                        Target.atMost(300, Unit.MEGABYTES), judged),
                Row.of("CLI", "timeline of " + of, "peak RSS", timelineMemory, Unit.MEGABYTES,
                        Target.atMost(300, Unit.MEGABYTES), judged));
    }

    /** Connection churn under the agent, recorded with tcpflight.jfc. */
    private Path record(Launcher launcher) throws Exception {
        Path recording = launcher.scratch("cli-at-scale.jfr");
        List<String> options = new ArrayList<>(List.of(JFR_MEMORY));
        options.addAll(launcher.options(AGENT_JFR, recording));
        int measureMs = launcher.plan.quick() ? launcher.plan.measureMs() : RECORD_MS_FULL;
        List<String> args = List.of("clients=" + CLIENTS, "size=1024", "warmupMs=0", "measureMs=" + measureMs);
        try (ChildJvm child = launcher.start(options, Churn.class, args, Duration.ofMillis(measureMs))) {
            Map<String, Double> result = child.result();
            child.finish();
            launcher.log("%s: recorded %.0f connections a second for %d ms", name(), result.get("ops_per_s"),
                    measureMs);
        }
        return recording;
    }

    /** A CLI command as a user runs it, with {@value #HEAP} and the serial collector, as the launcher does. */
    private static List<String> cliCommand(Path cli, String command, Path recording) {
        return List.of(HEAP, SERIAL_GC, "-jar", cli.toString(), command, recording.toString());
    }

    private static List<String> cliCommand(Path cli, String property, String command, Path recording) {
        return List.of(HEAP, SERIAL_GC, property, "-jar", cli.toString(), command, recording.toString());
    }

    private static List<String> parseOnly(Path recording) {
        return List.of(HEAP, "-cp", Launcher.codeSource(ParseOnly.class).toString(), ParseOnly.class.getName(),
                recording.toString());
    }

    /** A finished JVM: how long it took, its peak resident memory, and where its output went (if kept). */
    private record Command(double seconds, double peakMegabytes, Path out) {
    }

    /**
     * Runs a JVM to completion; its output goes to a file if {@code keep}, else nowhere. Its peak resident memory
     * is the kernel's high-water mark (VmHWM), read every few milliseconds while it runs: the last reading before
     * it exits.
     */
    private static Command run(Launcher launcher, List<String> javaArguments, boolean keep)
            throws IOException, InterruptedException {
        Path out = launcher.scratch("cli.out");
        Path err = launcher.scratch("cli.err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(javaArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
        builder.redirectOutput(keep ? ProcessBuilder.Redirect.to(out.toFile()) : ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process process = builder.start();
        Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
        long peakKb = 0;
        while (!process.waitFor(5, TimeUnit.MILLISECONDS)) {
            peakKb = Math.max(peakKb, highWaterMarkKb(status));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                    + ": " + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Command(seconds, peakKb / 1024.0, out);
    }

    /** VmHWM of a running process, in kB; 0 once it has gone. */
    private static long highWaterMarkKb(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited between two readings
        }
        return 0;
    }

    /** Connections and transitions, from the first line of {@code summary}. */
    private static long[] counts(Path summary) throws IOException {
        String first = Files.readAllLines(summary, StandardCharsets.UTF_8).get(0);
        Matcher matcher = COUNTS.matcher(first);
        if (!matcher.matches()) {
            throw new IllegalStateException("not a summary: " + first);
        }
        return new long[] {Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2))};
    }
}
