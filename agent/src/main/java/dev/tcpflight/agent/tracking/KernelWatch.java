package dev.tcpflight.agent.tracking;

/**
 * What watches a socket in the kernel once our FIN is on its way (after shutdownOutput() or close()): from then
 * on the states (FIN_WAIT_2 or CLOSING, TIME_WAIT, LAST_ACK→CLOSED) change in the kernel, on segments no JDK
 * call sees, and only the operating system's socket table shows them. A read of -1 in FIN_WAIT_1 cannot tell
 * FIN_WAIT_2→TIME_WAIT from a simultaneous close through CLOSING; the kernel can.
 */
public interface KernelWatch {

    /** Watches nothing: the agent option {@code kernel=off}, or an operating system without a socket table. */
    KernelWatch NOTHING = (tracker, socket) -> false;

    /**
     * Starts watching {@code socket}, reporting what it sees through {@link ConnectionTracker#kernelTransition}
     * and, when it stops, {@link ConnectionTracker#kernelWatchEnded}; false when it does not watch (nothing
     * watches, or too many sockets are watched already).
     */
    boolean follow(ConnectionTracker tracker, TrackedSocket socket);

    /**
     * Looks now, outside the watch's schedule, and returns once what it saw is reported (or after a bounded
     * wait): the last look before a recording ends. Nothing to do by default.
     */
    default void lookNow() {
    }
}
