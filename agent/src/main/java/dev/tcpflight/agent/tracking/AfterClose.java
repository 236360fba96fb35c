package dev.tcpflight.agent.tracking;

/**
 * What keeps watching a socket after the JVM is done with it: the states after close() happen in the kernel
 * (FIN_WAIT_2, TIME_WAIT, LAST_ACK→CLOSED), where only the operating system's socket table shows them.
 */
public interface AfterClose {

    /** Watches nothing: the agent option {@code kernel=off}, or an operating system without a socket table. */
    AfterClose NOTHING = (tracker, socket) -> { };

    /** Starts watching {@code socket}, reporting what it sees through {@link ConnectionTracker#kernelTransition}. */
    void follow(ConnectionTracker tracker, TrackedSocket socket);
}
