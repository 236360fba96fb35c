package dev.tcpflight.demo;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** Every scenario, in teaching order: the TCP paths on java.net sockets first, then the other JDK socket APIs. */
public final class Scenarios {

    public static final String DEFAULT = "handshake-and-close";

    private Scenarios() {
    }

    /** Fresh instances that narrate to standard output. */
    public static List<Scenario> all() {
        return all(System.out);
    }

    /** Fresh instances that narrate to {@code out}. */
    public static List<Scenario> all(PrintStream out) {
        return List.of(
                new HandshakeAndCloseScenario(out),
                new ServerClosesFirstScenario(out),
                new HalfCloseScenario(out),
                new SimultaneousCloseScenario(out),
                new ResetScenario(out),
                new RefusedScenario(out),
                new ConnectTimeoutScenario(out),
                new CloseWaitLeakScenario(out),
                new IdlePoolScenario(out),
                new TimeWaitPileupScenario(out),
                new NioSelectorScenario(out),
                new AsyncChannelScenario(out),
                new VirtualThreadsScenario(out),
                new HttpClientScenario(out));
    }

    public static Optional<Scenario> byName(String name) {
        return byName(name, System.out);
    }

    public static Optional<Scenario> byName(String name, PrintStream out) {
        return all(out).stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
