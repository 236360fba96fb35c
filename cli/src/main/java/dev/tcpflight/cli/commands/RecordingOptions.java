package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.analysis.ConnectionPair;
import dev.tcpflight.cli.analysis.Pairing;
import dev.tcpflight.cli.commands.OptionConverters.Host;
import dev.tcpflight.cli.commands.OptionConverters.HostConverter;
import dev.tcpflight.cli.commands.OptionConverters.TimeRefConverter;
import dev.tcpflight.cli.recording.ConnectionFilter;
import dev.tcpflight.cli.recording.ConnectionTimeline;
import dev.tcpflight.cli.recording.EarliestConnections;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.recording.TimeRef;
import dev.tcpflight.schema.TcpState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What every command that reads recordings takes (a picocli mixin): the files, and which connections to show. */
public final class RecordingOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Recording(s) of JVMs that ran with the tcpflight agent and tcpflight.jfc.")
    private List<Path> files;

    @Option(names = "--port", paramLabel = "N", description = "Only connections with local or remote port N.")
    private Integer port;

    @Option(names = "--host", paramLabel = "HOST", converter = HostConverter.class,
            description = "Only connections with this local or remote address (a name is looked up).")
    private List<Host> hosts = List.of();

    @Option(names = "--state", paramLabel = "STATE", split = ",",
            description = "Only connections that were in STATE at some point: ${COMPLETION-CANDIDATES}.")
    private Set<TcpState> states = Set.of();

    @Option(names = "--connection", paramLabel = "ID", split = ",",
            description = "Only the connection(s) with this id (ids are per recording).")
    private Set<Long> ids = Set.of();

    @Option(names = "--since", paramLabel = "TIME", converter = TimeRefConverter.class,
            description = "Only connections alive at or after TIME: a duration since the start of the recording"
                    + " (1.5s, 250ms, 2m) or an ISO-8601 instant (2025-01-31T10:15:30Z).")
    private TimeRef since;

    @Option(names = "--until", paramLabel = "TIME", converter = TimeRefConverter.class,
            description = "Only connections that started at or before TIME (as for --since).")
    private TimeRef until;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N connections to start.")
    private Integer limit;

    /** Checks every file up front, so that a missing one is reported before any output. */
    public RecordingReader open() throws TcpflightException {
        if (limit != null && limit < 1) {
            throw new ParameterException(command.commandLine(), "--limit must be at least 1, not " + limit);
        }
        return RecordingReader.open(files);
    }

    /** Refuses an output file that is one of the recordings: writing it would destroy what is being read. */
    public void checkOutput(Path output) {
        Path target = output.toAbsolutePath().normalize();
        if (files.stream().anyMatch(file -> file.toAbsolutePath().normalize().equals(target))) {
            throw new ParameterException(command.commandLine(), output + " is one of the recordings to read:"
                    + " write to another file");
        }
    }

    public ConnectionFilter filter(RecordingReader reader) {
        Set<String> addresses = new HashSet<>();
        hosts.forEach(host -> addresses.addAll(host.addresses()));
        return new ConnectionFilter(port, addresses, states, ids,
                since == null ? null : since.resolve(reader.start()),
                until == null ? null : until.resolve(reader.start()));
    }

    /** The recordings as given on the command line. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    /**
     * The pairs of ends that pass the filters, the first {@code --limit} to start. Paired first, then filtered:
     * {@code --connection 2} keeps connection 2 with its peer, whatever the peer's id.
     */
    public List<ConnectionPair> pairs(RecordingReader reader, List<ConnectionTimeline> all) {
        ConnectionFilter filter = filter(reader);
        return Pairing.pair(all).stream()
                .filter(pair -> pair.ends().anyMatch(filter))
                .limit(limit())
                .toList();
    }

    public int limit() {
        return limit == null ? Integer.MAX_VALUE : limit;
    }

    /**
     * Hands on the connections that pass the filters, as they complete (memory: the open connections only) or,
     * with {@code --limit N}, the first N to start, in that order (memory: N connections).
     */
    public void scan(RecordingReader reader, Consumer<ConnectionTimeline> sink) throws TcpflightException {
        ConnectionFilter filter = filter(reader);
        EarliestConnections earliest = new EarliestConnections(limit());
        long[] matched = {0};
        Consumer<ConnectionTimeline> target = limit == null ? sink : earliest;
        warnIfLate(reader.scan(TerminalProgress.onStandardError(command.commandLine().getErr()), connection -> {
            if (filter.test(connection)) {
                matched[0]++;
                target.accept(connection);
            }
        }));
        earliest.inOrderOfStart().forEach(sink);
        if (matched[0] == 0) {
            noneMatched(reader);
        }
    }

    /** The connections that pass the filters, in the order they started. */
    public List<ConnectionTimeline> read() throws TcpflightException {
        List<ConnectionTimeline> timelines = new ArrayList<>();
        scan(open(), timelines::add);
        timelines.sort(ConnectionTimeline.BY_START);
        return timelines;
    }

    /** Every connection of the recordings, in the order they started, for commands that filter on their own. */
    public List<ConnectionTimeline> readUnfiltered(RecordingReader reader) throws TcpflightException {
        List<ConnectionTimeline> timelines = new ArrayList<>();
        warnIfLate(reader.scan(TerminalProgress.onStandardError(command.commandLine().getErr()), timelines::add));
        timelines.sort(ConnectionTimeline.BY_START);
        return timelines;
    }

    private void warnIfLate(long lateTransitions) {
        if (lateTransitions > 0) {
            command.commandLine().getErr().println("tcpflight: " + lateTransitions + " transition(s) left out: the"
                    + " recording holds them too far behind the end of their connection");
        }
    }

    /**
     * Says why nothing is shown: the filters, or the recordings themselves (the agent was there but traced no
     * connection, perhaps while the kernel showed sockets no hook saw). A recording without any of the agent's
     * events never gets here: {@link RecordingReader} refuses it.
     */
    public void noneMatched(RecordingReader reader) {
        command.commandLine().getErr().println("tcpflight: " + (reader.connections() > 0
                ? "no connection matches the filters" : NothingTraced.why(reader)));
    }

    /** After connections were shown: the sockets that are not among them because no hook saw them. */
    public void noteKernelOnly(RecordingReader reader) {
        NothingTraced.alsoKernelOnly(reader).ifPresent(note -> command.commandLine().getErr().println("tcpflight: "
                + note));
    }
}
