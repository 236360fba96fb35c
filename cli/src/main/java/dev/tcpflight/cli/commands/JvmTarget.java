package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.jvm.AgentLoader;
import dev.tcpflight.cli.jvm.AttachedJvm;
import dev.tcpflight.cli.jvm.PidConverter;
import dev.tcpflight.schema.AgentOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ListResourceBundle;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code attach}'s JVM: its pid, and the options for the agent if it loads it (a picocli mixin). {@code record}
 * and {@code watch} take {@link RunningJvm}, which also reaches a JVM over remote JMX.
 */
public final class JvmTarget {

    /**
     * For {@code attach}'s {@code @Command(resourceBundle = ..)}: there {@code --options} says what the agent
     * takes; the others point to it.
     */
    static final String ATTACH_HELP = "dev.tcpflight.cli.commands.JvmTarget$AttachHelp";

    static final String OPTIONS_KEY = "tcpflight.agentOptions";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Parameters(index = "0", paramLabel = "PID", converter = PidConverter.class,
            description = "Process id of the JVM (see tcpflight list).")
    private long pid;

    @Option(names = "--options", paramLabel = "STR", descriptionKey = OPTIONS_KEY,
            description = "The agent's options if it is loaded now (see tcpflight attach --help).")
    private String options;

    public long pid() {
        return pid;
    }

    /** As given, or null; see {@link #checkAgentOptions()}. */
    public String agentOptions() {
        return options;
    }

    /** Attached to the JVM, with the agent loaded (with {@link #agentOptions()}) if it was not there yet. */
    public AttachedJvm attachWithAgent(Path agentJar, PrintWriter err) throws TcpflightException {
        return AgentLoader.attachWithAgent(pid, agentJar, options, err);
    }

    /** A word the agent would not understand is a usage error here: the agent's warning goes to the target. */
    public void checkAgentOptions() {
        checkAgentOptions(command, options);
    }

    static void checkAgentOptions(CommandSpec command, String options) {
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
