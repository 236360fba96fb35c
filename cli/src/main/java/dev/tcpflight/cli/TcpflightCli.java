package dev.tcpflight.cli;

import dev.tcpflight.cli.GlobalOptions.ColorMode;
import dev.tcpflight.cli.commands.AttachCommand;
import dev.tcpflight.cli.commands.DemoCommand;
import dev.tcpflight.cli.commands.ExportCommand;
import dev.tcpflight.cli.commands.LadderCommand;
import dev.tcpflight.cli.commands.ListCommand;
import dev.tcpflight.cli.commands.MapCommand;
import dev.tcpflight.cli.commands.RecordCommand;
import dev.tcpflight.cli.commands.ReportCommand;
import dev.tcpflight.cli.commands.SummaryCommand;
import dev.tcpflight.cli.commands.TimelineCommand;
import dev.tcpflight.cli.commands.WatchCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.RunLast;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code tcpflight} command. A new subcommand is one class, added to {@code subcommands} below. */
@Command(name = "tcpflight",
        scope = ScopeType.INHERIT, // subcommands get --help, --version (and the version provider) too
        mixinStandardHelpOptions = true,
        versionProvider = TcpflightCli.Version.class,
        description = {"What happened to my TCP connections? Shows, per connection, the TCP state",
                "transitions that the tcpflight agent recorded into JDK Flight Recorder files."},
        subcommands = {
            DemoCommand.class,
            TimelineCommand.class,
            LadderCommand.class,
            MapCommand.class,
            SummaryCommand.class,
            ReportCommand.class,
            ExportCommand.class,
            ListCommand.class,
            AttachCommand.class,
            RecordCommand.class,
            WatchCommand.class,
            HelpCommand.class},
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight demo --list           list the demo scenarios",
                "  tcpflight demo                  run handshake-and-close and show it",
                "  tcpflight timeline app.jfr      show every connection recorded in app.jfr",
                "  tcpflight summary app.jfr       states, durations and anomalies"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:bad data or a failed run: missing, unreadable, truncated or non-JFR file, no tcpflight events,"
                    + " unwritable output file, a demo that failed",
            "2:bad usage: unknown option or command, missing or invalid argument"})
public final class TcpflightCli implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    // Read from the parse result (GlobalOptions); declared here so that every subcommand accepts them.
    @Option(names = GlobalOptions.VERBOSE, scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    private boolean verbose;

    @Option(names = GlobalOptions.COLOR, scope = ScopeType.INHERIT, paramLabel = "WHEN", defaultValue = "auto",
            description = "Colours: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, when the output is a "
                    + "terminal and NO_COLOR is not set).")
    private ColorMode color;

    /** The command line with tcpflight's error handling; use this rather than {@code new CommandLine(..)}. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new TcpflightCli());
        ErrorReporter errors = new ErrorReporter();
        return commandLine
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                .setCaseInsensitiveEnumValuesAllowed(true) // --state close_wait
                .setExecutionStrategy(parseResult -> {
                    // Set for the whole hierarchy: help and every command's output use this scheme's Ansi.
                    commandLine.setColorScheme(Help.defaultColorScheme(GlobalOptions.ansi(parseResult)));
                    return new RunLast().execute(parseResult);
                });
    }

    public static void main(String[] args) {
        try {
            System.exit(commandLine().execute(args));
        } catch (OutOfMemoryError e) {
            // Not an exception picocli hands to the handlers; output files are only moved in place when complete.
            System.err.println("tcpflight: out of memory with a heap of "
                    + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB: give the CLI more, for example"
                    + " TCPFLIGHT_JAVA_OPTS=-Xmx2g, or read fewer connections (--port, --connection, --state)");
            System.exit(1);
        }
    }

    /**
     * {@code tcpflight} alone: the whole usage on stderr, exit code 2, as {@code git} and {@code jfr} show it.
     * Other usage errors are short (see {@link ErrorReporter#handleParseException}).
     */
    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        commandLine.getErr().println("Missing subcommand");
        commandLine.usage(commandLine.getErr());
        commandLine.getErr().flush();
        return spec.exitCodeOnInvalidInput();
    }

    /** The version from the jar manifest, and the JVM, which matters for what the agent can see. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = TcpflightCli.class.getPackage().getImplementationVersion();
            return new String[] {
                "tcpflight " + (version == null ? "(development build, not run from the jar)" : version),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
