package dev.tcpflight.agent.bridge;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the agent's own failures. The application never sees them: the first is reported once on stderr,
 * the rest are only counted, so a broken agent cannot flood a server's logs.
 */
public final class AgentFailures {

    private static final AtomicLong COUNT = new AtomicLong();

    private AgentFailures() {
    }

    public static void record(String where, Throwable failure) {
        if (COUNT.getAndIncrement() == 0) {
            System.err.println("[tcpflight] WARNING: internal error in " + where + ": " + failure
                    + " (the application is unaffected; later errors are counted, not printed)");
        }
    }

    public static long count() {
        return COUNT.get();
    }
}
