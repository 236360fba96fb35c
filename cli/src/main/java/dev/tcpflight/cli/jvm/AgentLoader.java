package dev.tcpflight.cli.jvm;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import dev.tcpflight.cli.TcpflightException;
import dev.tcpflight.schema.AgentProperties;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Attaches to a running JVM and loads the tcpflight agent into it, with an error for each way this fails that
 * says what to do. Checks what it can before sending anything: the JDK's attach handshake signals the process
 * (SIGQUIT), which would kill a process that is not a JVM, or a JVM started with {@code -Xrs}.
 */
public final class AgentLoader {

    /** Set by the agent in the JVM it runs in (its version). */

    static final String ENABLE_DYNAMIC_LOADING = "-XX:+EnableDynamicAgentLoading";
    private static final String DISABLE_DYNAMIC_LOADING = "-XX:-EnableDynamicAgentLoading";
    private static final String DISABLE_ATTACH = "-XX:+DisableAttachMechanism";
    private static final int FIRST_WARNING_JAVA = 21; // JEP 451
    private static final List<String> NEEDED_MODULES = List.of("java.instrument", "jdk.jfr");

    /**
     * @param version       the agent's version in the JVM
     * @param alreadyLoaded it was there before (options given now were not applied)
     * @param notes         what the user should know (one paragraph each)
     */
    public record Outcome(String version, boolean alreadyLoaded, List<String> notes) {
    }

    private AgentLoader() {
    }

    /** Attaches to JVM {@code pid}, or explains in one line why it cannot. */
    public static AttachedJvm attach(long pid) throws TcpflightException {
        if (pid == ProcessHandle.current().pid()) {
            throw new TcpflightException("pid " + pid + " is this tcpflight process itself");
        }
        if (!ProcessFacts.exists(pid)) {
            throw new TcpflightException("no JVM with pid " + pid);
        }
        if (ProcessFacts.ownedByAnotherUser(pid).orElse(false)) {
            String user = ProcessFacts.user(pid).orElse("another user");
            throw new TcpflightException("process " + pid + named(pid) + " belongs to " + user + ": a JVM only takes"
                    + " attach requests from its own user (or root); run tcpflight as " + user);
        }
        if (!listed(pid)) {
            checkUnlisted(pid);
        }
        if (ProcessFacts.linux() && !Files.exists(ProcessFacts.attachSocket(pid))
                && !ProcessFacts.handlesSigquit(pid).orElse(true)) {
            throw new TcpflightException("JVM " + pid + " does not handle SIGQUIT, which starts its"
                    + " attach listener (started with -Xrs, or still starting up?): tcpflight cannot attach to it;"
                    + " start it with -javaagent instead");
        }
        try {
            return new AttachedJvm(pid, VirtualMachine.attach(Long.toString(pid)));
        } catch (AttachNotSupportedException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("does not support the attach mechanism")) {
                throw new TcpflightException("JVM " + pid + " does not accept attach requests (started"
                        + " with " + DISABLE_ATTACH + "?): " + message, e);
            }
            throw new TcpflightException("cannot attach to JVM " + pid + ": " + message, e);
        } catch (IOException e) {
            if (!ProcessFacts.exists(pid)) {
                throw new TcpflightException("no JVM with pid " + pid + " (it has just exited)", e);
            }
            throw new TcpflightException("cannot attach to JVM " + pid + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads the agent unless it is there already.
     *
     * @param options the agent's option string ({@code kernel=off,stacks=off}), or null
     */
    public static Outcome load(AttachedJvm jvm, Path agentJar, String options) throws TcpflightException {
        long pid = jvm.pid();
        Properties properties = jvm.systemProperties();
        String loaded = properties.getProperty(AgentProperties.VERSION);
        if (loaded != null) {
            return new Outcome(loaded, true, List.of());
        }
        int java = featureVersion(properties.getProperty("java.specification.version", ""));
        if (java < 17) {
            throw new TcpflightException("JVM " + pid + " runs Java " + properties.getProperty("java.version")
                    + ": the tcpflight agent needs Java 17 or newer");
        }
        List<String> arguments = jvm.jvmArguments();
        if (java >= FIRST_WARNING_JAVA && arguments.contains(DISABLE_DYNAMIC_LOADING)) {
            throw dynamicLoadingDisabled(pid, agentJar, null);
        }
        Optional<Set<String>> modules = ProcessFacts.runtimeModules(pid, properties.getProperty("java.home"));
        List<String> missing = modules.map(present -> NEEDED_MODULES.stream().filter(m -> !present.contains(m))
                .toList()).orElse(List.of());
        if (!missing.isEmpty()) {
            throw runtimeWithout(pid, missing, null);
        }
        try {
            jvm.vm().loadAgent(agentJar.toAbsolutePath().toString(), options == null || options.isBlank()
                    ? null : options);
        } catch (AgentInitializationException e) {
            throw new TcpflightException("the agent failed to start in JVM " + pid + " (" + e.getMessage()
                    + "): see the JVM's standard error", e);
        } catch (AgentLoadException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("EnableDynamicAgentLoading")) {
                throw dynamicLoadingDisabled(pid, agentJar, e);
            }
            if (message.contains("Module java.instrument not found")) {
                // The runtime has it (else the check above would have said so), but the JVM does not see it.
                throw modules.isPresent() ? new TcpflightException("the agent could not start in JVM " + pid
                        + ": the java.instrument module that agents need is not in it; start it with"
                        + " --add-modules java.instrument", e) : runtimeWithout(pid, List.of("java.instrument"), e);
            }
            throw new TcpflightException("JVM " + pid + " could not load the agent " + agentJar + ": " + message, e);
        } catch (IOException e) {
            throw jvm.lost("loading the agent", e);
        }
        String version = jvm.systemProperties().getProperty(AgentProperties.VERSION);
        if (version == null) {
            throw new TcpflightException("the agent did not start in JVM " + pid + ": see the lines starting with"
                    + " [tcpflight] in that JVM's standard error");
        }
        List<String> notes = new ArrayList<>();
        if (java >= FIRST_WARNING_JAVA && !arguments.contains(ENABLE_DYNAMIC_LOADING)) {
            notes.add("Java " + java + " prints a warning about a dynamically loaded agent in JVM " + pid
                    + "'s standard error (JEP 451); it does no harm. Start the JVM with " + ENABLE_DYNAMIC_LOADING
                    + " to allow loading agents without it (a future Java will require that option), or with"
                    + " -javaagent:" + agentJar.toAbsolutePath() + " to have tcpflight from the start.");
        }
        return new Outcome(version, false, List.copyOf(notes));
    }

    /**
     * For record and watch: attaches, loads the agent unless it is there, and says on {@code err} what it did.
     */
    public static AttachedJvm attachWithAgent(long pid, Path agentJar, String options, PrintWriter err)
            throws TcpflightException {
        AttachedJvm jvm = attach(pid);
        try {
            Outcome outcome = load(jvm, agentJar, options);
            if (outcome.alreadyLoaded()) {
                if (options != null && !options.isBlank()) {
                    err.println("tcpflight: " + optionsNotApplied(pid));
                }
            } else {
                err.println("tcpflight: loaded the tcpflight agent " + outcome.version() + " into JVM " + pid + " ("
                        + jvm.description() + ")");
                outcome.notes().forEach(note -> err.println("tcpflight: note: " + note));
            }
            err.flush();
            return jvm;
        } catch (TcpflightException | RuntimeException e) {
            jvm.close();
            throw e;
        }
    }

    /** Why {@code --options} did nothing: the agent was there already. */
    public static String optionsNotApplied(long pid) {
        return "--options not applied: the agent in JVM " + pid + " keeps the options it was first loaded with";
    }

    /** The feature release of {@code java.specification.version}: {@code 1.8} is 8, {@code 17} is 17. */
    static int featureVersion(String specification) {
        String[] parts = specification.split("\\.");
        try {
            return parts[0].equals("1") && parts.length > 1 ? Integer.parseInt(parts[1]) : Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Whether the Attach API lists it (as {@code jps} does): a JVM of ours that accepts attach requests. */
    static boolean listed(long pid) {
        String id = Long.toString(pid);
        return VirtualMachine.list().stream().map(VirtualMachineDescriptor::id).anyMatch(id::equals);
    }

    /** A process the Attach API does not list: say what it is, unless it is a JVM worth trying anyway. */
    private static void checkUnlisted(long pid) throws TcpflightException {
        if (!ProcessFacts.linux()) {
            throw new TcpflightException("process " + pid + named(pid) + " is not a JVM that tcpflight can attach"
                    + " to (jps does not list it)");
        }
        Optional<Boolean> jvm = ProcessFacts.mapsLibjvm(pid);
        if (jvm.isEmpty()) {
            throw new TcpflightException("cannot tell whether process " + pid + named(pid) + " is a JVM: its memory"
                    + " map is not readable (another user's process?)");
        }
        if (!jvm.get()) {
            throw new TcpflightException("process " + pid + named(pid) + " is not a JVM");
        }
        if (ProcessFacts.commandLine(pid).contains(DISABLE_ATTACH)) {
            throw new TcpflightException("JVM " + pid + " was started with " + DISABLE_ATTACH
                    + ": it takes no attach requests; restart it without that option, or with -javaagent");
        }
        // Otherwise a JVM that keeps no performance data file (-XX:-UsePerfData), or one that is starting up.
    }

    /** A jlink image without what the agent needs; --add-modules cannot add a module the image lacks. */
    private static TcpflightException runtimeWithout(long pid, List<String> missing, Exception cause) {
        String modules = missing.size() == 1 ? "the " + missing.get(0) + " module"
                : "the " + String.join(" and ", missing) + " modules";
        return new TcpflightException("JVM " + pid + "'s Java runtime lacks " + modules + " that the agent needs"
                + " (a jlink image?): add them with jlink --add-modules " + String.join(",", NEEDED_MODULES)
                + ", or run the application on a full JDK", cause);
    }

    private static TcpflightException dynamicLoadingDisabled(long pid, Path agentJar, Exception cause) {
        return new TcpflightException("JVM " + pid + " does not allow loading agents while it runs (started with "
                + DISABLE_DYNAMIC_LOADING + "); restart it with " + ENABLE_DYNAMIC_LOADING + ", or with -javaagent:"
                + agentJar.toAbsolutePath(), cause);
    }

    /** {@code " (sleep)"}, or "" when the name is unknown. */
    static String named(long pid) {
        String name = ProcessFacts.name(pid);
        return name.isEmpty() ? "" : " (" + name + ")";
    }
}
