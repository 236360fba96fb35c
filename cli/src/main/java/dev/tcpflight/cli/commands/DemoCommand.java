package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.launch.DemoRunner;
import dev.tcpflight.cli.launch.Distribution;
import dev.tcpflight.cli.recording.RecordingReader;
import dev.tcpflight.cli.render.Colors;
import dev.tcpflight.cli.render.Glyphs;
import dev.tcpflight.cli.render.TimelineRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "demo",
        description = "Run a demo scenario under the agent and show its connections.",
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight demo --list",
                "  tcpflight demo handshake-and-close -o handshake.jfr"})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..1", defaultValue = "handshake-and-close",
            description = "Scenario to run (default: ${DEFAULT-VALUE}); see --list.")
    private String scenario;

    @Option(names = "--list", description = "List the scenarios and exit.")
    private boolean list;

    @Option(names = "--all", description = "Run every scenario, each in its own JVM.")
    private boolean all;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.jfr",
            description = "Keep the recording in FILE.jfr (with --all: a directory, one NAME.jfr per scenario).")
    private Path output;

    @Override
    public Integer call() throws TcpflightException {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Distribution distribution = Distribution.current();
        if (list) {
            DemoRunner.scenarioList(distribution, err::println).forEach(out::println);
            return 0;
        }
        List<String> scenarios = all ? scenarioNames(DemoRunner.scenarioList(distribution, err::println))
                : List.of(scenario);
        try (DemoRunner runner = DemoRunner.create(distribution)) {
            List<Path> recordings = new ArrayList<>();
            for (String name : scenarios) {
                // The scenario's own output, marked so that it is not mistaken for tcpflight's.
                String prefix = "  [" + name + "] ";
                runner.record(name, line -> out.println(prefix + line), line -> err.println(prefix + line))
                        .ifPresent(recordings::add);
            }
            if (recordings.isEmpty()) {
                err.println("tcpflight: nothing recorded: this JVM cannot run " + String.join(", ", scenarios));
                return 0;
            }
            // Kept before reading, so that a recording tcpflight cannot read is still there to look at.
            keep(recordings, err);
            out.println(); // after the scenarios' output
            Colors colors = new Colors(spec.commandLine().getColorScheme().ansi());
            new TimelineRenderer(Glyphs.forStandardOutput(), colors)
                    .render(RecordingReader.open(recordings).readAll(), out);
        }
        return 0;
    }

    private void checkOptions() {
        boolean namedScenario = spec.commandLine().getParseResult().hasMatchedPositional(0);
        if (list && (all || namedScenario || output != null)) {
            throw new ParameterException(spec.commandLine(), "--list takes no other arguments");
        }
        if (all && namedScenario) {
            throw new ParameterException(spec.commandLine(), "give a scenario NAME or --all, not both");
        }
    }

    /** {@code DemoMain --list} prints one scenario per line, its name first. */
    private static List<String> scenarioNames(List<String> listing) {
        return listing.stream().map(String::strip).filter(line -> !line.isEmpty())
                .map(line -> line.split("\\s+", 2)[0]).toList();
    }

    private void keep(List<Path> recordings, PrintWriter err) throws TcpflightException {
        if (output == null) {
            return;
        }
        try {
            if (all) {
                Files.createDirectories(output);
            }
            for (Path recording : recordings) {
                Path target = all ? output.resolve(recording.getFileName()) : output;
                Files.copy(recording, target, StandardCopyOption.REPLACE_EXISTING);
                err.println("tcpflight: recording kept in " + target);
            }
        } catch (IOException e) {
            throw new TcpflightException("cannot write the recording to " + output + ": " + e, e);
        }
    }
}
