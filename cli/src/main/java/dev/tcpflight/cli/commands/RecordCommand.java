package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.analysis.SummaryAggregator;
import dev.tcpflight.cli.commands.OptionConverters.DurationConverter;
import dev.tcpflight.cli.jvm.AttachedJvm;
import dev.tcpflight.cli.jvm.JmxJvm;
import dev.tcpflight.cli.jvm.JmxRecording;
import dev.tcpflight.cli.jvm.RemoteRecording;
import dev.tcpflight.cli.jvm.SettingsFile;
import dev.tcpflight.cli.jvm.StopSignal;
import dev.tcpflight.cli.jvm.Terminal;
import dev.tcpflight.cli.launch.Distribution;
import dev.tcpflight.cli.recording.Progress;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.render.Colors;
import dev.tcpflight.cli.render.Glyphs;
import dev.tcpflight.cli.render.SummaryRenderer;
import dev.tcpflight.schema.events.SocketStatesEvent;
import dev.tcpflight.schema.events.TcpflightEvents;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import jdk.jfr.consumer.RecordingFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "record",
        description = {"Record a running JVM's TCP transitions and summarise them.",
                "Loads the agent if it is not there yet (as tcpflight attach), starts a JFR recording with"
                        + " tcpflight.jfc in the JVM (as jcmd PID JFR.start), and after --duration or on Ctrl-C"
                        + " has the JVM write it (JFR.dump), stops it (JFR.stop) and prints its summary."
                        + " With --jmx, the same through the JVM's FlightRecorderMXBean, its data read back over"
                        + " JMX. The file is complete or absent, never half written."},
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight record 4242                         30 s, into tcpflight-4242-DATE-TIME.jfr",
                "  tcpflight record 4242 --duration 5m -o app.jfr",
                "  tcpflight record 4242 --options stacks=off    agent without stack traces",
                "  tcpflight record --jmx 10.0.0.7:9010 -o app.jfr   over remote JMX (agent loaded at launch)"})
public final class RecordCommand implements Callable<Integer> {

    /** The recording's name in the target, as jcmd PID JFR.check shows it. */
    static final String RECORDING_NAME = "tcpflight";

    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunningJvm target;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "How long to record (default: ${DEFAULT-VALUE}); Ctrl-C ends it sooner, keeping what"
                    + " was recorded.")
    private Duration duration;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.jfr",
            description = "Where to write the recording (default: tcpflight-PID-yyyyMMdd-HHmmss.jfr here). The"
                    + " JVM writes it, as its own user; with --jmx, tcpflight does.")
    private Path output;

    @Mixin
    private AnomalyOptions anomalies;

    @Override
    public Integer call() throws TcpflightException, InterruptedException {
        target.checkAgentOptions();
        if (duration.compareTo(Duration.ofMillis(1)) < 0) {
            throw new ParameterException(spec.commandLine(), "--duration must be at least 1ms");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (target.overJmx()) {
            return recordOverJmx(out, err);
        }
        Path file = (output != null ? output : defaultOutput(target.fileLabel(), LocalDateTime.now()))
                .toAbsolutePath();
        checkWritable(file);
        Distribution distribution = Distribution.current();
        SummaryAggregator summary = new SummaryAggregator(anomalies.thresholds());
        try (AttachedJvm jvm = target.attachWithAgent(distribution.agentJar(), err);
             StopSignal stop = StopSignal.onCtrlC()) { // from before the start: Ctrl-C must not leave it running
            RemoteRecording recording;
            try (SettingsFile settings = SettingsFile.of(distribution)) {
                recording = RemoteRecording.start(jvm, RECORDING_NAME, settings.path(), "", file);
            }
            long started = System.nanoTime();
            try (recording) {
                err.println("tcpflight: recording JVM " + target.pid() + " (" + jvm.description() + ") for "
                        + seconds(duration) + " into " + display(file) + ": Ctrl-C to stop sooner");
                err.flush();
                StopSignal.End end = waitShowingProgress(stop, jvm::alive, err);
                if (end != StopSignal.End.TARGET_GONE) {
                    try {
                        recording.stopInto(file);
                    } catch (TcpflightException e) {
                        if (jvm.alive()) {
                            throw e;
                        }
                        end = StopSignal.End.TARGET_GONE;
                    }
                }
                if (end == StopSignal.End.TARGET_GONE) {
                    recording.savedAtExitInto(file);
                    err.println("tcpflight: JVM " + target.pid() + " exited during the recording; it wrote what it had"
                            + " recorded until then");
                }
                err.println("tcpflight: recorded " + seconds(Duration.ofNanos(System.nanoTime() - started))
                        + " of JVM " + target.pid() + " into " + display(file) + " (" + size(file) + ")");
                err.flush();
                summarise(file, summary, out, err);
            }
        }
        return 0;
    }

    /**
     * The same through the JVM's FlightRecorderMXBean over remote JMX: the recording's data comes back over that
     * connection, so a JVM that exits during the recording takes it along.
     */
    private int recordOverJmx(PrintWriter out, PrintWriter err) throws TcpflightException, InterruptedException {
        Path file = (output != null ? output : defaultOutput(target.fileLabel(), LocalDateTime.now()))
                .toAbsolutePath();
        checkWritable(file);
        SummaryAggregator summary = new SummaryAggregator(anomalies.thresholds());
        try (JmxJvm jvm = target.connectOverJmx(); StopSignal stop = StopSignal.onCtrlC()) {
            JmxRecording recording;
            try (SettingsFile settings = SettingsFile.of(Distribution.current())) {
                recording = JmxRecording.start(jvm, RECORDING_NAME, settings.path());
            }
            long started = System.nanoTime();
            try (recording) {
                err.println("tcpflight: recording " + target.name() + " (" + jvm.description() + ") for "
                        + seconds(duration) + " into " + display(file) + ": Ctrl-C to stop sooner");
                err.flush();
                if (waitShowingProgress(stop, jvm::alive, err) == StopSignal.End.TARGET_GONE) {
                    throw new TcpflightException("lost " + target.name() + " during the recording (over JMX its"
                            + " data goes with it); nothing was written");
                }
                recording.stopInto(file);
                err.println("tcpflight: recorded " + seconds(Duration.ofNanos(System.nanoTime() - started))
                        + " of " + target.name() + " into " + display(file) + " (" + size(file) + ")");
                err.flush();
                summarise(file, summary, out, err);
            }
        }
        return 0;
    }

    /** {@code tcpflight-PID-yyyyMMdd-HHmmss.jfr} (or {@code tcpflight-jmx-HOST-PORT-...}) in this directory. */
    static Path defaultOutput(String jvm, LocalDateTime now) {
        return Path.of("tcpflight-" + jvm + "-" + FILE_TIME.format(now) + ".jfr");
    }

    /** Checked before anything happens in the target. */
    private static void checkWritable(Path file) throws TcpflightException {
        if (Files.isDirectory(file)) {
            throw new TcpflightException("cannot write " + file + ": it is a directory");
        }
        Path directory = file.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new TcpflightException("cannot write " + file + ": no such directory");
        }
    }

    /**
     * Waits for the end of --duration, Ctrl-C or the JVM's exit; on a terminal, says on stderr how far it has
     * got, on one line that it rewrites and clears at the end.
     */
    private StopSignal.End waitShowingProgress(StopSignal stop, BooleanSupplier alive, PrintWriter err)
            throws InterruptedException {
        boolean terminal = Terminal.interactive();
        int[] shown = {0};
        StopSignal.End end = stop.await(duration, alive, Duration.ofMillis(terminal ? 1000 : 500), waited -> {
            if (terminal) {
                String line = String.format(Locale.ROOT, "tcpflight: recording %s: %s of %s (Ctrl-C to stop"
                        + " now)", target.name(), seconds(Duration.ofSeconds(waited.toSeconds())), seconds(duration));
                err.print("\r" + line + " ".repeat(Math.max(0, shown[0] - line.length())));
                err.flush();
                shown[0] = Math.max(shown[0], line.length());
            }
        });
        if (shown[0] > 0) {
            err.print("\r" + " ".repeat(shown[0]) + "\r");
            err.flush();
        }
        return end;
    }

    private void summarise(Path file, SummaryAggregator summary, PrintWriter out, PrintWriter err)
            throws TcpflightException {
        if (!hasTcpflightEvents(file)) {
            err.println("tcpflight: no TCP state transition in " + target.name() + " while recording (connections"
                    + " that were open before the agent was loaded are not seen until they change)");
            err.flush();
            return;
        }
        RecordingReader reader = RecordingReader.open(List.of(file));
        reader.scan(Progress.NONE, summary);
        Colors colors = new Colors(spec.commandLine().getColorScheme().ansi());
        new SummaryRenderer(Glyphs.forStandardOutput(), colors).render(summary.summary(reader.recordings()),
                reader.besides(), out);
    }

    /** Whether the recording holds a transition or connection event (reading stops at the first one). */
    private static boolean hasTcpflightEvents(Path file) throws TcpflightException {
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                String type = recording.readEvent().getEventType().getName();
                if (type.startsWith(TcpflightEvents.PREFIX) && !type.equals(SocketStatesEvent.NAME)) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            throw new TcpflightException("cannot read the recording " + file + ": " + e.getMessage(), e);
        }
    }

    private static String display(Path file) {
        Path here = Path.of("").toAbsolutePath();
        return file.startsWith(here) ? here.relativize(file).toString() : file.toString();
    }

    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String size(Path file) {
        try {
            long bytes = Files.size(file);
            return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0)
                    : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        } catch (IOException e) {
            return "size unknown";
        }
    }
}
