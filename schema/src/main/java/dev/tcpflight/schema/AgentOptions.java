package dev.tcpflight.schema;

import java.io.PrintStream;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The option string after {@code -javaagent:tcpflight-agent.jar=} (or given to {@code tcpflight attach}):
 * comma-separated {@code name} or {@code name=value} words. A word the agent does not understand is reported
 * once and ignored; options never stop the application from starting.
 *
 * @param verbose {@code verbose}: print each instrumented JDK method at start-up
 * @param stacks  {@code stacks=on|off}: stack traces on transitions (default on)
 * @param kernel  {@code kernel=on|off}: follow closed sockets in the OS socket table (Linux only; default off: under
 *                heavy connection churn its reads of the socket table cost more than the rest of the agent)
 * @param ports   {@code ports=8080;9090}: only track connections with one of these local or remote ports
 *                (empty: all); ports are separated by ';' because ',' separates options
 */
public record AgentOptions(boolean verbose, boolean stacks, boolean kernel, Set<Integer> ports) {

    public static final AgentOptions DEFAULTS = new AgentOptions(false, true, false, Set.of());

    public static final String KNOWN = "verbose, stacks=on|off, kernel=on|off, ports=N;N...";

    /**
     * Empty when the agent takes every word of {@code text}, else what is wrong with the first bad one: for a tool
     * that hands options to an agent, which reports bad words only on the target's stderr.
     */
    public static Optional<String> problem(String text) {
        String[] first = {null};
        parse(text, (option, reason) -> {
            if (first[0] == null) {
                first[0] = "agent option '" + option + "' is not valid: " + reason + " (known: " + KNOWN + ")";
            }
        });
        return Optional.ofNullable(first[0]);
    }

    /** Parses {@code text}, reporting each word ignored on {@code warnings}, as the agent does at start-up. */
    public static AgentOptions parse(String text, PrintStream warnings) {
        return parse(text, (option, reason) -> warnings.println("[tcpflight] WARNING: agent option '" + option
                + "' ignored: " + reason + " (known: " + KNOWN + ")"));
    }

    private static AgentOptions parse(String text, BiConsumer<String, String> ignored) {
        AgentOptions options = DEFAULTS;
        if (text == null || text.isBlank()) {
            return options;
        }
        for (String word : text.split(",")) {
            String option = word.trim();
            if (option.isEmpty()) {
                continue;
            }
            try {
                options = options.with(option);
            } catch (IllegalArgumentException e) {
                ignored.accept(option, e.getMessage());
            }
        }
        return options;
    }

    private AgentOptions with(String option) {
        int equals = option.indexOf('=');
        String name = equals < 0 ? option : option.substring(0, equals).trim();
        String value = equals < 0 ? null : option.substring(equals + 1).trim();
        return switch (name) {
            case "verbose" -> new AgentOptions(value == null || onOff(value), stacks, kernel, ports);
            case "stacks" -> new AgentOptions(verbose, onOff(value), kernel, ports);
            case "kernel" -> new AgentOptions(verbose, stacks, onOff(value), ports);
            case "ports" -> new AgentOptions(verbose, stacks, kernel, portSet(value));
            default -> throw new IllegalArgumentException("unknown option");
        };
    }

    private static boolean onOff(String value) {
        if ("on".equals(value) || "true".equals(value)) {
            return true;
        }
        if ("off".equals(value) || "false".equals(value)) {
            return false;
        }
        throw new IllegalArgumentException("expected on or off, not '" + value + "'");
    }

    private static Set<Integer> portSet(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("expected ports=N;N...");
        }
        Set<Integer> ports = new TreeSet<>();
        for (String part : value.split(";")) {
            int port;
            try {
                port = Integer.parseInt(part.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port number: '" + part.trim() + "'");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            ports.add(port);
        }
        return Set.copyOf(ports);
    }
}
