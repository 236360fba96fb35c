package dev.tcpflight.cli.commands;

import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.cli.jvm.AgentLoader;
import dev.tcpflight.cli.jvm.AttachedJvm;
import dev.tcpflight.cli.jvm.JmxJvm;
import dev.tcpflight.cli.jvm.PidConverter;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The JVM of {@code record} and {@code watch} (a picocli mixin): a local one by its pid, attached to with the agent
 * loaded if needed (as {@link JvmTarget}), or one with remote JMX on that runs the agent from its launch.
 */
public final class RunningJvm {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Where where;

    static final class Where {
        @Parameters(index = "0", paramLabel = "PID", converter = PidConverter.class,
                description = "Process id of the JVM (see tcpflight list).")
        private Long pid;

        @Option(names = "--jmx", paramLabel = "HOST:PORT|URL",
                description = "A JVM with remote JMX on and the agent loaded at its launch (in a container, on"
                        + " another host): HOST:PORT of its com.sun.management.jmxremote.port, or a service:jmx:"
                        + " URL.")
        private String jmx;
    }

    @Option(names = "--jmx-credentials", paramLabel = "FILE",
            description = "With --jmx: a file whose first line is 'USER PASSWORD' (else the environment's "
                    + JmxJvm.USER_VARIABLE + " and " + JmxJvm.PASSWORD_VARIABLE + ", if set).")
    private Path jmxCredentials;

    @Option(names = "--jmx-truststore", paramLabel = "FILE",
            description = "With --jmx, for a JVM whose JMX uses TLS (com.sun.management.jmxremote.ssl): a trust store"
                    + " (PKCS12 or JKS) with its certificate; its password, if any, in the environment's "
                    + JmxJvm.TRUSTSTORE_PASSWORD_VARIABLE + ".")
    private Path jmxTrustStore;

    @Option(names = "--options", paramLabel = "STR", descriptionKey = JvmTarget.OPTIONS_KEY,
            description = "The agent's options if it is loaded now (see tcpflight attach --help).")
    private String options;

    /** A word the agent would not understand is a usage error, as for attach. */
    public void checkAgentOptions() {
        JvmTarget.checkAgentOptions(command, options);
    }

    /** Whether the JVM is one reached over remote JMX ({@code --jmx}). */
    public boolean overJmx() {
        return where.jmx != null;
    }

    /** The local JVM's pid (null with --jmx). */
    public long pid() {
        return where.pid;
    }

    /** Attached to the local JVM, with the agent loaded (with --options) if it was not there yet. */
    public AttachedJvm attachWithAgent(Path agentJar, PrintWriter err) throws TcpflightException {
        return AgentLoader.attachWithAgent(where.pid, agentJar, options, err);
    }

    /** Connected over remote JMX, the agent checked to be there; --options would be a usage error. */
    public JmxJvm connectOverJmx() throws TcpflightException {
        if (options != null) {
            throw new ParameterException(command.commandLine(), "--options: with --jmx the agent must run already"
                    + " (loaded at the JVM's launch); its options are those it was started with");
        }
        JmxJvm jvm = JmxJvm.connect(where.jmx, jmxCredentials, jmxTrustStore, System.getenv());
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
}
