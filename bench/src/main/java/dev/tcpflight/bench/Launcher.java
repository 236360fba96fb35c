package dev.tcpflight.bench;

import dev.tcpflight.agent.TcpflightAgent;
import dev.tcpflight.schema.events.StateChangeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Starts child JVMs the same way for every variant: this JVM's {@code java}, a fixed heap, only the benchmark's
 * own classes on the class path (the workloads need nothing else, so the agent is loaded by {@code -javaagent}
 * alone), plus the variant's {@code -javaagent} and {@code -XX:StartFlightRecording}. The agent is a copy of the
 * shaded jar this module depends on, so that rebuilding the agent during a run cannot break a child JVM; it and
 * its {@code tcpflight.jfc} (plus a copy with StateChange stack traces off) sit in a scratch folder deleted at
 * the end.
 */
final class Launcher implements AutoCloseable {

    private static final List<String> HEAP = List.of("-Xms512m", "-Xmx512m");
    private static final Pattern STATE_CHANGE_STACKS = Pattern.compile(
            "(<event name=\"" + Pattern.quote(StateChangeEvent.NAME)
                    + "\">.*?<setting name=\"stackTrace\">)true(</setting>)", Pattern.DOTALL);

    final Plan plan;
    /** Where progress goes (stderr): the table itself is printed elsewhere. */
    final PrintStream progress;
    final Path agentJar;
    private final Path scratch;
    private final Map<Variant.Settings, String> settings;
    private int launched;

    Launcher(Plan plan, PrintStream progress) throws IOException {
        Path agent = codeSource(TcpflightAgent.class);
        if (!Files.isRegularFile(agent)) {
            throw new IllegalStateException("the agent classes come from " + agent
                    + ", not from the shaded agent jar: build the agent with `mvn package` first");
        }
        this.plan = plan;
        this.progress = progress;
        scratch = Files.createTempDirectory("tcpflight-bench-");
        agentJar = Files.copy(agent, scratch("tcpflight-agent.jar"));
        String jfc = tcpflightJfc();
        Matcher stacks = STATE_CHANGE_STACKS.matcher(jfc);
        if (!stacks.find()) {
            throw new IllegalStateException("tcpflight.jfc has no stackTrace=true setting for "
                    + StateChangeEvent.NAME);
        }
        String noStacks = stacks.replaceFirst("$1false$2");
        settings = Map.of(
                Variant.Settings.JDK_DEFAULT, "default",
                Variant.Settings.TCPFLIGHT, write("tcpflight.jfc", jfc),
                Variant.Settings.TCPFLIGHT_NO_STACKS, write("tcpflight-nostacks.jfc", noStacks));
    }

    void log(String format, Object... args) {
        progress.printf("[bench] " + format + "%n", args);
    }

    /** A file in the scratch folder. */
    Path scratch(String name) {
        return scratch.resolve(name);
    }

    /** The JVM options of a variant; {@code recording} names the file the recording is dumped to at exit, or null. */
    List<String> options(Variant variant, Path recording) {
        List<String> options = new ArrayList<>();
        if (variant.agent) {
            options.add("-javaagent:" + agentJar);
        }
        if (variant.settings != null) {
            options.add(recordingOption(variant.settings, recording));
        }
        return options;
    }

    String recordingOption(Variant.Settings which, Path recording) {
        return "-XX:StartFlightRecording:settings=" + settings.get(which)
                + (recording == null ? "" : ",filename=" + recording);
    }

    /** Starts {@code main} with {@code options}, expected to take about {@code expected}. */
    ChildJvm start(List<String> options, Class<?> main, List<String> args, Duration expected) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(HEAP);
        command.addAll(options);
        command.add("-cp");
        command.add(codeSource(Launcher.class).toString());
        command.add(main.getName());
        command.addAll(args);
        String name = main.getSimpleName() + " " + options + " " + args;
        return new ChildJvm(name, command, scratch("child-" + ++launched + ".err"), expected, progress);
    }

    /**
     * Runs a workload main in one variant and returns its {@code RESULT} figures. With {@code check}, an agent
     * variant's recording is dumped and must hold tcpflight events, proving the agent really worked.
     */
    Map<String, Double> measure(Variant variant, boolean check, Class<?> main, List<String> args) throws Exception {
        return measure(variant, check, main, args, plan.warmupMs());
    }

    /** The same with a warm-up of {@code warmupMs}, for a workload that needs longer to reach its steady state. */
    Map<String, Double> measure(Variant variant, boolean check, Class<?> main, List<String> args, int warmupMs)
            throws Exception {
        Path recording = check && variant.recordsTcpflight() ? scratch("check-" + variant.label + ".jfr") : null;
        List<String> allArgs = new ArrayList<>(args);
        allArgs.addAll(List.of("warmupMs=" + warmupMs, "measureMs=" + plan.measureMs()));
        Duration expected = Duration.ofMillis(warmupMs + plan.measureMs());
        Map<String, Double> result;
        try (ChildJvm child = start(options(variant, recording), main, allArgs, expected)) {
            result = child.result();
            child.finish();
        }
        if (recording != null) {
            log("  %s: %,d tcpflight.StateChange events recorded", variant.label, Recordings.stateChanges(recording));
            Files.delete(recording);
        }
        return result;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private String write(String name, String content) throws IOException {
        return Files.writeString(scratch(name), content).toString();
    }

    /** The jar or folder a class was loaded from. */
    static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tcpflightJfc() {
        try (InputStream in = TcpflightAgent.class.getResourceAsStream("/tcpflight.jfc")) {
            if (in == null) {
                throw new IllegalStateException("no tcpflight.jfc in the agent jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
