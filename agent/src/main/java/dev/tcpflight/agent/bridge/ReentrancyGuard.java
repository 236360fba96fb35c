package dev.tcpflight.agent.bridge;

/**
 * Per-thread flag that keeps the agent from observing its own work: anything the tracker or JFR does on an
 * application thread while reporting a socket call must not be reported again.
 */
final class ReentrancyGuard {

    private static final ThreadLocal<boolean[]> INSIDE = ThreadLocal.withInitial(() -> new boolean[1]);

    private ReentrancyGuard() {
    }

    /** Marks this thread as inside the agent; false if it already was (the caller must then do nothing). */
    static boolean enter() {
        boolean[] inside = INSIDE.get();
        if (inside[0]) {
            return false;
        }
        inside[0] = true;
        return true;
    }

    static void exit() {
        INSIDE.get()[0] = false;
    }
}
