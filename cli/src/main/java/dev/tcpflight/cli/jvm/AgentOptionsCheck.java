package dev.tcpflight.cli.jvm;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks {@code --options} before it goes to the agent: the agent reports a word it does not understand on the
 * target's stderr, which the user of {@code tcpflight attach} does not see. The same words as the agent's
 * {@code AgentOptions} (the CLI ships with its agent).
 */
public final class AgentOptionsCheck {

    public static final String KNOWN = "verbose, stacks=on|off, kernel=on|off, ports=N;N...";

    private static final Pattern ON_OFF = Pattern.compile("on|off|true|false");
    private static final Pattern PORTS = Pattern.compile("\\d{1,5}(;\\d{1,5})*");

    private AgentOptionsCheck() {
    }

    /** Empty when the agent takes every word, else what is wrong with the first bad one. */
    public static Optional<String> problem(String options) {
        for (String word : options.split(",")) {
            String option = word.strip();
            if (option.isEmpty()) {
                continue;
            }
            int equals = option.indexOf('=');
            String name = equals < 0 ? option : option.substring(0, equals).strip();
            String value = equals < 0 ? null : option.substring(equals + 1).strip();
            boolean valid = switch (name) {
                case "verbose" -> value == null || ON_OFF.matcher(value).matches();
                case "stacks", "kernel" -> value != null && ON_OFF.matcher(value).matches();
                case "ports" -> value != null && PORTS.matcher(value).matches() && portsInRange(value);
                default -> false;
            };
            if (!valid) {
                return Optional.of("agent option '" + option + "' is not one of: " + KNOWN);
            }
        }
        return Optional.empty();
    }

    private static boolean portsInRange(String ports) {
        for (String port : ports.split(";")) {
            int number = Integer.parseInt(port);
            if (number < 1 || number > 65535) {
                return false;
            }
        }
        return true;
    }
}
