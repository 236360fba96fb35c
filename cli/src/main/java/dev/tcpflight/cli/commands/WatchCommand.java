package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.commands.OptionConverters.DurationConverter;
import dev.tcpflight.cli.jvm.AttachedJvm;
import dev.tcpflight.cli.jvm.JmxJvm;
import dev.tcpflight.cli.jvm.JmxRecording;
import dev.tcpflight.cli.jvm.LiveEvents;
import dev.tcpflight.cli.jvm.LiveTransition;
import dev.tcpflight.cli.jvm.RemoteRecording;
import dev.tcpflight.cli.jvm.SettingsFile;
import dev.tcpflight.cli.jvm.SocketCounts;
import dev.tcpflight.cli.jvm.StopSignal;
import dev.tcpflight.cli.jvm.Terminal;
import dev.tcpflight.cli.launch.Distribution;
import dev.tcpflight.cli.render.Colors;
import dev.tcpflight.cli.render.Glyphs;
import dev.tcpflight.cli.render.WatchDisplay;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import jdk.management.jfr.RemoteRecordingStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "watch",
        description = {"Show a running JVM's TCP state transitions as they happen.",
                "Loads the agent if it is not there yet, starts a JFR recording in the JVM and follows it through"
                        + " the JVM's JFR repository on disk (no network connection to it, so nothing of"
                        + " tcpflight's own shows up). On a terminal: the sockets in each state and the latest"
                        + " transitions, redrawn every second; otherwise, or with --plain, one line per transition"
                        + " (time, connection id, role, local → remote, FROM → TO, trigger, source). Runs until"
                        + " Ctrl-C, then stops the recording. With --jmx, streams over remote JMX instead"
                        + " (RemoteRecordingStream), leaving out tcpflight's own connection."},
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight watch 4242",
                "  tcpflight watch --plain 4242 | grep CLOSE_WAIT",
                "  tcpflight watch --plain --duration 1m 4242 > transitions.txt",
                "  tcpflight watch --jmx 10.0.0.7:9010       over remote JMX (agent loaded at launch)"})
public final class WatchCommand implements Callable<Integer> {

    /** The recording's name in the target, as jcmd PID JFR.check shows it. */
    static final String RECORDING_NAME = "tcpflight-watch";

    /** Enough for the stream; older chunks are deleted, so a long watch does not fill the target's disk. */
    private static final String RECORDING_OPTIONS = "maxage=5m";
    private static final Duration LAST_FLUSH_WAIT = Duration.ofSeconds(3);

    @Spec
    private CommandSpec spec;

    @Mixin
    private RunningJvm target;

    @Option(names = "--plain", description = "One line per transition, even on a terminal (for pipes and logs).")
    private boolean plain;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Stop after this long (1.5s, 10m...) instead of at Ctrl-C.")
    private Duration duration;

    @Override
    public Integer call() throws TcpflightException, InterruptedException {
        target.checkAgentOptions();
        if (duration != null && duration.compareTo(Duration.ofMillis(1)) < 0) {
            throw new ParameterException(spec.commandLine(), "--duration must be at least 1ms");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Distribution distribution = Distribution.current();
        if (target.overJmx()) {
            return watchOverJmx(distribution, out, err);
        }
        try (AttachedJvm jvm = target.attachWithAgent(distribution.agentJar(), err);
             StopSignal stop = StopSignal.onCtrlC()) {
            RemoteRecording recording;
            Instant from = Instant.now(); // the same clock as the target's: both on this machine
            try (SettingsFile settings = SettingsFile.of(distribution)) {
                recording = RemoteRecording.start(jvm, RECORDING_NAME, settings.path(), RECORDING_OPTIONS, null);
            }
            try (recording) {
                Path repository = repository(jvm);
                if (follow(jvm.description(), jvm::alive, stop, jvm.commandsOverJmx(),
                        listener -> LiveEvents.start(repository, from, listener), out, err)
                        != StopSignal.End.TARGET_GONE) {
                    recording.stop();
                }
            }
        }
        return 0;
    }

    /**
     * The same through a {@code RemoteRecordingStream} over remote JMX; closing the stream ends its recording in
     * the target. The agent there sees this connection too: its RMI connections are left out, as above.
     */
    private int watchOverJmx(Distribution distribution, PrintWriter out, PrintWriter err)
            throws TcpflightException, InterruptedException {
        try (JmxJvm jvm = target.connectOverJmx(); StopSignal stop = StopSignal.onCtrlC()) {
            RemoteRecordingStream stream;
            try (SettingsFile settings = SettingsFile.of(distribution)) {
                stream = new RemoteRecordingStream(jvm.server());
                stream.setSettings(JmxRecording.settings(settings.path()));
            } catch (IOException e) {
                throw new TcpflightException("cannot stream the events of " + target.name() + ": " + e.getMessage(),
                        e);
            }
            follow(jvm.description(), jvm::alive, stop, true, listener -> LiveEvents.start(stream, listener), out,
                    err);
        }
        return 0;
    }

    /** Where the events come from, started with the listener that shows them. */
    private interface EventSource {
        LiveEvents start(LiveEvents.Listener listener) throws TcpflightException;
    }

    /**
     * Shows the events until --duration, Ctrl-C or the JVM's end (the recording is the caller's to stop) and
     * returns which came first; {@code hideRmi}: leave out the connections of RMI's threads (tcpflight's own
     * JMX connection, which the agent in the target sees).
     */
    private StopSignal.End follow(String description, BooleanSupplier alive, StopSignal stop, boolean hideRmi,
                                  EventSource source, PrintWriter out, PrintWriter err)
            throws TcpflightException, InterruptedException {
        WatchDisplay display = display(description, out);
        if (plain || !(display instanceof WatchDisplay.Live)) {
            err.println("tcpflight: watching " + target.name() + " (" + description + "): "
                    + (duration == null ? "Ctrl-C to stop" : "for " + RecordCommand.seconds(duration)));
            err.flush();
        }
        LiveEvents events = source.start(hideRmi ? withoutRmiConnections(display) : display);
        StopSignal.End end;
        try {
            end = stop.await(duration, alive, Duration.ofMillis(500), waited -> { });
            if (end != StopSignal.End.CTRL_C) {
                events.awaitNextFlush(LAST_FLUSH_WAIT); // what happened up to the end, shown
            }
        } finally {
            events.close();
            display.end();
        }
        if (end == StopSignal.End.TARGET_GONE) {
            err.println("tcpflight: " + target.name() + " has exited");
            err.flush();
        } else if (events.failure() != null) {
            throw new TcpflightException("lost the events of " + target.name() + ": " + events.failure(),
                    events.failure());
        }
        return end;
    }

    private WatchDisplay display(String description, PrintWriter out) {
        Glyphs glyphs = Glyphs.forStandardOutput();
        if (plain || !Terminal.interactive()) {
            return WatchDisplay.plain(out, glyphs, ZoneId.systemDefault());
        }
        return new WatchDisplay.Live(out, glyphs, new Colors(spec.commandLine().getColorScheme().ansi()),
                "tcpflight watch: " + target.name() + " (" + description + ")", Terminal.width(),
                Clock.systemDefaultZone());
    }

    /** The target's disk repository, where the recording's chunks are, as seen from here. */
    private Path repository(AttachedJvm jvm) throws TcpflightException {
        String repository = jvm.systemProperties().getProperty("jdk.jfr.repository");
        if (repository == null || repository.isBlank()) {
            throw new TcpflightException("JVM " + target.pid() + " does not say where its JFR repository is"
                    + " (no jdk.jfr.repository property while recording)");
        }
        return jvm.repositoryPath(repository);
    }

    /** Leaves out the connections whose transitions happen on RMI's connection threads: tcpflight's own. */
    private static LiveEvents.Listener withoutRmiConnections(WatchDisplay display) {
        Set<Long> hidden = new HashSet<>();
        return new LiveEvents.Listener() {
            @Override
            public void flushed(List<LiveTransition> transitions) {
                transitions.stream().filter(t -> t.thread().startsWith(JmxJvm.RMI_THREAD_PREFIX))
                        .forEach(t -> hidden.add(t.connectionId()));
                display.flushed(transitions.stream().filter(t -> !hidden.contains(t.connectionId())).toList());
            }

            @Override
            public void counts(SocketCounts counts) {
                display.counts(counts);
            }
        };
    }
}
