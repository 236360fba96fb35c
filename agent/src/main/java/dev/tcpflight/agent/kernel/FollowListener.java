package dev.tcpflight.agent.kernel;

import dev.tcpflight.schema.Source;
import dev.tcpflight.schema.TcpState;

/**
 * Receives what the kernel sampler learns about one followed socket, on the sampler's own thread, in order.
 * A listener must not block; anything it throws is counted as an agent failure and does not stop the sampler.
 */
public interface FollowListener {

    /** Why the sampler stopped following a socket. */
    enum End {
        /** The socket reached CLOSED (it left the kernel's table, or its 4-tuple was taken by a new socket). */
        CLOSED,
        /** The socket stayed too long in one state, or was followed too long in all: nothing more is reported. */
        TIME_LIMIT,
        /** The sampler was closed. */
        STOPPED
    }

    /**
     * One transition: {@link Source#KERNEL} when the table showed the new state, {@link Source#INFERRED} for a
     * state between two looks that the state diagram implies. The trigger of all of them is {@code "kernel"}.
     */
    void kernelTransition(TcpState from, TcpState to, Source source);

    /** The last call for this socket; {@code last} is the last state reported (or the JVM's, if none was). */
    default void followEnded(TcpState last, End end) {
    }
}
