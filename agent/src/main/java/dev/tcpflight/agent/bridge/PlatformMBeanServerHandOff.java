package dev.tcpflight.agent.bridge;

import java.util.function.Consumer;

/**
 * Hands the platform MBean server to the agent the first time the application (or a JMX tool, or an exporter)
 * gets it. Creating that server costs about 170 ms of CPU, so the agent never creates it itself: its MBean is
 * registered when someone first asks for the server, and costs nothing before.
 */
public final class PlatformMBeanServerHandOff {

    private static volatile Consumer<Object> receiver;

    private PlatformMBeanServerHandOff() {
    }

    /** Where the server goes; at most once. */
    public static void install(Consumer<Object> serverReceiver) {
        receiver = serverReceiver;
    }

    /** {@code ManagementFactory.getPlatformMBeanServer()} returned {@code server}. */
    public static void returned(Object server) {
        Consumer<Object> r = receiver;
        if (r == null) {
            return;
        }
        receiver = null;
        try {
            r.accept(server);
        } catch (Throwable e) {
            AgentFailures.record("MBean registration", e);
        }
    }
}
