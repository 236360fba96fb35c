package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.analysis.ConnectionPair;
import dev.tcpflight.cli.analysis.FleetMap;
import dev.tcpflight.cli.commands.OptionConverters.DurationConverter;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.render.MapRenderer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "map",
        description = {"Show which JVM talks to which, from the recordings of several JVMs.",
                "Pairs the ends of each connection across the recordings by their endpoints (as ladder does)"
                        + " and counts, per client JVM and server JVM port, the connections, those that failed"
                        + " (refused, reset, timed out) and those left leaking (CLOSE_WAIT held, never closed,"
                        + " leaked), as summary finds them. A JVM is named by --label, else by its main class"
                        + " (from jdk.JVMInformation, when no other recording ran the same), else by its"
                        + " recording's file name; a peer that was not recorded is shown as external, by its"
                        + " address."},
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight map client.jfr proxy.jfr backend.jfr",
                "  tcpflight map --label a1.jfr=api --label d7.jfr=db a1.jfr d7.jfr",
                "  tcpflight map --port 5432 --close-wait-threshold 200ms *.jfr"})
public final class MapCommand extends RecordingCommand {

    @Option(names = "--label", paramLabel = "FILE=NAME",
            description = "Call the JVM of recording FILE NAME (default: its main class or the file's name).")
    private Map<Path, String> labels = Map.of();

    @Option(names = "--close-wait-threshold", paramLabel = "DURATION", defaultValue = "1s",
            converter = DurationConverter.class,
            description = "Count CLOSE_WAIT held longer than this as leaking (default: ${DEFAULT-VALUE}).")
    private Duration closeWait;

    @Override
    public Integer call() throws TcpflightException {
        Map<Path, String> labels = labels();
        RecordingReader reader = recordings.open();
        List<ConnectionPair> pairs = recordings.pairs(reader, recordings.readUnfiltered(reader));
        if (pairs.isEmpty()) {
            recordings.noneMatched(reader);
            return 0;
        }
        new MapRenderer(colors(), new JvmNames(recordings.files(), labels))
                .render(FleetMap.of(pairs, closeWait), out());
        return 0;
    }

    /** The labels by recording; one for a file that is not read is a mistake worth saying. */
    private Map<Path, String> labels() {
        List<Path> files = recordings.files().stream().map(JvmNames::key).toList();
        Map<Path, String> names = new HashMap<>();
        labels.forEach((file, name) -> {
            if (!files.contains(JvmNames.key(file))) {
                throw new ParameterException(spec.commandLine(), "--label " + file + "=" + name
                        + ": " + file + " is not one of the recordings to read");
            }
            names.put(JvmNames.key(file), name);
        });
        return names;
    }
}
