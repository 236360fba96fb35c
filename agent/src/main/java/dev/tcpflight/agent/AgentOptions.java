package dev.tcpflight.agent;

import java.io.PrintStream;

/**
 * The option string after {@code -javaagent:tcpflight-agent.jar=}: comma-separated words. A word the agent does
 * not know is reported once and ignored; options never stop the application from starting.
 *
 * @param verbose {@code verbose}: print each instrumented JDK method at start-up
 */
public record AgentOptions(boolean verbose) {

    public static final AgentOptions DEFAULTS = new AgentOptions(false);

    public static AgentOptions parse(String text, PrintStream warnings) {
        boolean verbose = false;
        if (text == null || text.isBlank()) {
            return DEFAULTS;
        }
        for (String word : text.split(",")) {
            String option = word.trim();
            if (option.equals("verbose")) {
                verbose = true;
            } else if (!option.isEmpty()) {
                warnings.println("[tcpflight] WARNING: unknown agent option '" + option + "' ignored (known: verbose)");
            }
        }
        return new AgentOptions(verbose);
    }
}
