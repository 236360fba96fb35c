package dev.tcpflight.bench.workload;

import java.util.HashMap;
import java.util.Map;

/** The {@code key=value} arguments the harness passes to a workload's main. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("expected key=value, got " + arg);
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
    }

    String text(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return value;
    }

    int integer(String key) {
        return Integer.parseInt(text(key));
    }

    /** The warm-up and measured phases given as {@code warmupMs} and {@code measureMs}, starting now. */
    Window window() {
        return new Window(integer("warmupMs"), integer("measureMs"));
    }
}
