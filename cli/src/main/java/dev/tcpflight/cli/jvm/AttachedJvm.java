package dev.tcpflight.cli.jvm;

import com.sun.tools.attach.VirtualMachine;
import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.schema.AgentProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** An attach connection to a running JVM (see {@link AgentLoader#attach}); close it to detach. */
public final class AttachedJvm implements AutoCloseable {

    /** {@code -Dtcpflight.diagnostics=jmx} runs diagnostic commands through JMX even where the socket works. */
    static final String DIAGNOSTICS_PROPERTY = "tcpflight.diagnostics";

    private final long pid;
    private final VirtualMachine vm;
    private DiagnosticCommands commands;

    AttachedJvm(long pid, VirtualMachine vm) {
        this.pid = pid;
        this.vm = vm;
    }

    public long pid() {
        return pid;
    }

    /** Whether the process still runs. */
    public boolean alive() {
        return ProcessFacts.exists(pid);
    }

    VirtualMachine vm() {
        return vm;
    }

    /** The target's system properties, read now (the agent sets {@value AgentProperties#VERSION}). */
    public Properties systemProperties() throws TcpflightException {
        try {
            return vm.getSystemProperties();
        } catch (IOException e) {
            throw lost("reading its system properties", e);
        }
    }

    /** The JVM's arguments ({@code -Xmx1g -XX:+EnableDynamicAgentLoading ...}), as far as it tells. */
    List<String> jvmArguments() throws TcpflightException {
        try {
            String arguments = vm.getAgentProperties().getProperty("sun.jvm.args", "");
            return arguments.isBlank() ? List.of() : Arrays.asList(arguments.strip().split("\\s+"));
        } catch (IOException e) {
            throw lost("reading its arguments", e);
        }
    }

    /** {@code dev.example.Main, Java 17.0.15}: what a message names the JVM by, after its pid. */
    public String description() throws TcpflightException {
        return describe(systemProperties());
    }

    static String describe(Properties properties) {
        String command = properties.getProperty("sun.java.command", "").strip();
        String main = command.isEmpty() ? "" : command.split("\\s+", 2)[0];
        String java = "Java " + properties.getProperty("java.version", "?");
        return main.isEmpty() ? java : main + ", " + java;
    }

    /**
     * How to run {@code jcmd}-style commands in it: through the attach listener's Unix socket (no TCP: nothing
     * that the agent would record), or over JMX where that socket is not available.
     */
    public DiagnosticCommands commands() throws TcpflightException {
        if (commands == null) {
            Path socket = ProcessFacts.linux() ? ProcessFacts.attachSocket(pid) : null;
            boolean jmx = "jmx".equals(System.getProperty(DIAGNOSTICS_PROPERTY));
            commands = socket != null && Files.exists(socket) && !jmx
                    ? new AttachSocketCommands(pid, socket)
                    : JmxDiagnosticCommands.connect(pid, vm);
        }
        return commands;
    }

    /** Whether {@link #commands()} goes over JMX, whose own connection the agent in the target sees. */
    public boolean commandsOverJmx() throws TcpflightException {
        return commands() instanceof JmxDiagnosticCommands;
    }

    /** A path as the target sees it (its {@code jdk.jfr.repository}), reachable from here. */
    public Path repositoryPath(String path) {
        return ProcessFacts.inTargetRoot(pid, path);
    }

    TcpflightException lost(String doing, Exception e) {
        return new TcpflightException("lost the connection to JVM " + pid + " while " + doing + ": "
                + e.getMessage() + " (has it exited?)", e);
    }

    @Override
    public void close() {
        if (commands != null) {
            commands.close();
        }
        try {
            vm.detach();
        } catch (IOException e) {
            // Detaching only forgets the connection on this side.
        }
    }
}
