package dev.tcpflight.demo;

import java.io.PrintStream;
import java.util.Objects;

/** Base of the scenarios: where their teaching lines go. */
abstract class NarratedScenario implements Scenario {

    private final PrintStream out;

    NarratedScenario(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    /** Prints one teaching line; callable from any thread, as println is synchronized. */
    final void say(String line) {
        out.println(line);
    }
}
