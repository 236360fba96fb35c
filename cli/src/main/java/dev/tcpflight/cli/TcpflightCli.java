package dev.tcpflight.cli;

import dev.tcpflight.cli.commands.DemoCommand;
import dev.tcpflight.cli.commands.TimelineCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code tcpflight} command. Exit codes: 0 ok, 1 data or runtime error, 2 usage error. */
@Command(name = "tcpflight",
        scope = ScopeType.INHERIT, // subcommands get --help, --version (and the version provider) too
        mixinStandardHelpOptions = true,
        versionProvider = TcpflightCli.Version.class,
        description = {"What happened to my TCP connections? Shows, per connection, the TCP state",
                "transitions that the tcpflight agent recorded into JDK Flight Recorder files."},
        subcommands = {DemoCommand.class, TimelineCommand.class, HelpCommand.class},
        footerHeading = "%nExample usage:%n",
        footer = {"  tcpflight demo --list         list the demo scenarios",
                "  tcpflight demo                run handshake-and-close and show it",
                "  tcpflight timeline app.jfr    show every connection recorded in app.jfr"})
public final class TcpflightCli implements Runnable {

    static final String VERBOSE = "--verbose";

    @Spec
    private CommandSpec spec;

    // Read by ErrorReporter from the parse result; declared here so that every subcommand accepts it.
    @Option(names = VERBOSE, scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    private boolean verbose;

    /** The command line with tcpflight's error handling; use this rather than {@code new CommandLine(..)}. */
    public static CommandLine commandLine() {
        return new CommandLine(new TcpflightCli()).setExecutionExceptionHandler(new ErrorReporter());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand");
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
