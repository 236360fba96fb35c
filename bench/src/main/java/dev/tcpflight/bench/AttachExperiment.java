package dev.tcpflight.bench;

import dev.tcpflight.bench.workload.AttachTarget;
import dev.tcpflight.bench.workload.Attacher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loading the agent into a running JVM with the Attach API, as {@code tcpflight attach} does, from a minimal tool
 * JVM: the time from launching that JVM until {@code loadAgent} returns, when the agent's classes are
 * retransformed. The first round's target records, and must show transitions traced after the attach.
 */
final class AttachExperiment extends Experiment {

    /** Each JVM takes a second or two. */
    private static final Duration EXPECTED = Duration.ofSeconds(2);

    AttachExperiment() {
        super("attach");
    }

    @Override
    List<Row> run(Launcher launcher) throws Exception {
        long tableRows = socketTableRows();
        Rounds rounds = Rounds.run(name(), launcher.plan.rounds(), List.of(Variant.AGENT), launcher,
                (variant, first) -> attachOnce(launcher, first));
        boolean judged = !launcher.plan.quick();
        return List.of(
                Row.of("attach", String.format("Attach API, tool JVM launch → agent active (machine's TCP table:"
                                + " %,d rows)", tableRows), "time",
                        rounds.values(Variant.AGENT, ChildJvm.LAUNCH_TO_RESULT_MS), Unit.MILLIS,
                        Target.atMost(1_500, Unit.MILLIS), judged),
                Row.of("attach", "of which attach + loadAgent in the tool", "time",
                        rounds.values(Variant.AGENT, "load_ms"), Unit.MILLIS, Target.NONE, judged));
    }

    /**
     * The rows of {@code /proc/net/tcp} and {@code tcp6}: at an attach the agent reads them all to find the
     * connections already open, so a machine with many sockets (TIME_WAIT ones included) attaches more slowly.
     */
    private static long socketTableRows() throws IOException {
        long rows = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (Files.isReadable(file)) {
                try (Stream<String> lines = Files.lines(file)) {
                    rows += lines.count() - 1; // the header
                }
            }
        }
        return rows;
    }

    private static Map<String, Double> attachOnce(Launcher launcher, boolean check) throws Exception {
        Path recording = check ? launcher.scratch("attach.jfr") : null;
        List<String> options = check
                ? List.of(launcher.recordingOption(Variant.Settings.TCPFLIGHT, recording)) : List.of();
        Map<String, Double> figures;
        try (ChildJvm target = launcher.start(options, AttachTarget.class, List.of(), EXPECTED)) {
            target.awaitLine(AttachTarget.READY::equals);
            try (ChildJvm tool = launcher.start(List.of(), Attacher.class,
                    List.of("pid=" + target.pid(), "agent=" + launcher.agentJar), EXPECTED)) {
                figures = tool.result();
                tool.finish();
            }
            Thread.sleep(100); // a few connections under the agent
            target.send("stop");
            target.finish();
        }
        if (recording != null) {
            launcher.log("  attached target: %,d tcpflight.StateChange events recorded",
                    Recordings.stateChanges(recording));
            Files.delete(recording);
        }
        return figures;
    }
}
