package dev.tcpflight.agent.it.programs;

/** An application class that {@link OtherAgent}, a second Byte Buddy agent, rewrites. */
public final class Greeter {

    private Greeter() {
    }

    public static String greet() {
        return "hello";
    }
}
