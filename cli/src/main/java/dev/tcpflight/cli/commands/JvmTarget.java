package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.jvm.AgentLoader;
import dev.tcpflight.cli.jvm.AttachedJvm;
import dev.tcpflight.cli.jvm.JmxJvm;
import dev.tcpflight.cli.jvm.PidConverter;
import dev.tcpflight.schema.AgentOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ListResourceBundle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What the commands that work on a running JVM ({@code attach}, {@code record}, {@code watch}) share: the JVM's
 * pid (or, for record and watch, its remote JMX address) and the options for the agent if they load it (a picocli
 * mixin).
 */
public final class JvmTarget {

    /**
     * For {@code attach}'s {@code @Command(resourceBundle = ..)}: there {@code --options} says what the agent
     * takes; the others point to it.
     */
    static final String ATTACH_HELP = "dev.tcpflight.cli.commands.JvmTarget$AttachHelp";

    private static final String OPTIONS_KEY = "tcpflight.agentOptions";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Where where;

    /** A local JVM by its pid, or (record and watch) a JVM that has remote JMX on. */
    static final class Where {
        @Parameters(index = "0", paramLabel = "PID", converter = PidConverter.class,
                description = "Process id of the JVM (see tcpflight list).")
        private Long pid;

        @Option(names = "--jmx", paramLabel = "HOST:PORT|URL",
                description = "record and watch: a JVM with remote JMX on and the agent loaded at its launch (in a"
                        + " container, on another host); HOST:PORT of com.sun.management.jmxremote.port, or a"
                        + " service:jmx: URL.")
        private String jmx;
    }

    @Option(names = "--jmx-credentials", paramLabel = "FILE",
            description = "With --jmx: a file whose first line is 'USER PASSWORD' (else the environment's "
                    + JmxJvm.USER_VARIABLE + " and " + JmxJvm.PASSWORD_VARIABLE + ", if set).")
    private Path jmxCredentials;

    @Option(names = "--options", paramLabel = "STR", descriptionKey = OPTIONS_KEY,
            description = "The agent's options if it is loaded now (see tcpflight attach --help).")
    private String options;

    /** The local JVM's pid; a usage error where --jmx was given instead. */
    public long pid() {
        if (where.pid == null) {
            throw new ParameterException(command.commandLine(), "--jmx: the agent cannot be loaded over JMX;"
                    + " give the PID of a local JVM (or use record or watch, which take --jmx)");
        }
        return where.pid;
    }

    /** Whether the JVM is one reached over remote JMX ({@code --jmx}). */
    public boolean overJmx() {
        return where.jmx != null;
    }

    /** Connected over remote JMX, the agent checked to be there; --options would be a usage error. */
    public JmxJvm connectOverJmx() throws TcpflightException {
        if (options != null) {
            throw new ParameterException(command.commandLine(), "--options: with --jmx the agent must run already"
                    + " (loaded at the JVM's launch); its options are those it was started with");
        }
        JmxJvm jvm = JmxJvm.connect(where.jmx, jmxCredentials, System.getenv());
        try {
            jvm.requireAgent();
            return jvm;
        } catch (TcpflightException e) {
            jvm.close();
            throw e;
        }
    }

    /** What a default file name says of the JVM: {@code 4242}, or {@code jmx-HOST-PORT}. */
    public String fileLabel() {
        return where.jmx != null ? "jmx-" + where.jmx.replaceAll("[^A-Za-z0-9.]+", "-") : Long.toString(where.pid);
    }

    /** How a message names the JVM: {@code JVM 4242}, or {@code the JVM at HOST:PORT}. */
    public String name() {
        return where.jmx != null ? "the JVM at " + where.jmx : "JVM " + where.pid;
    }

    /** As given, or null; see {@link #checkAgentOptions()}. */
    public String agentOptions() {
        return options;
    }

    /** Attached to the JVM, with the agent loaded (with {@link #agentOptions()}) if it was not there yet. */
    public AttachedJvm attachWithAgent(Path agentJar, PrintWriter err) throws TcpflightException {
        return AgentLoader.attachWithAgent(pid(), agentJar, options, err);
    }

    /** A word the agent would not understand is a usage error here: the agent's warning goes to the target. */
    public void checkAgentOptions() {
        if (options != null) {
            AgentOptions.problem(options).ifPresent(problem -> {
                throw new ParameterException(command.commandLine(), problem);
            });
        }
    }

    /** {@code attach}'s description of {@code --options}. */
    public static final class AttachHelp extends ListResourceBundle {
        @Override
        protected Object[][] getContents() {
            return new Object[][] {{OPTIONS_KEY, "The agent's options, as after -javaagent:tcpflight-agent.jar= ("
                    + AgentOptions.KNOWN + "); only when the agent is first loaded."}};
        }
    }
}
