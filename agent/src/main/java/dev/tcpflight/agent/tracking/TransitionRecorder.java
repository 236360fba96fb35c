package dev.tcpflight.agent.tracking;

import dev.tcpflight.schema.EndCause;

/** Where the tracker reports what happened to sockets: the JFR events layer. */
public interface TransitionRecorder {

    /** A socket started being tracked; the recorder may attach its lifetime event to it. */
    void opened(TrackedSocket socket);

    /** A transition whose event must start now but whose details are complete only later (connect). */
    Object begin();

    /**
     * One transition, the {@code sequence}-th of its socket.
     * @param begun what {@link #begin()} returned when the transition started, or null if it starts now
     */
    void transition(TrackedSocket socket, Transition transition, int sequence, String detail, Object begun);

    /**
     * The two steps of one call (a connect, an accept; the same trigger): one event, one stack trace. {@code into}
     * is the {@code sequence}-th transition, {@code onward} the next.
     * @param begun what {@link #begin()} returned when {@code into} started, or null if it starts now
     */
    void transitions(TrackedSocket socket, Transition into, Transition onward, int sequence, String detail,
                     Object begun);

    /** The JVM is done with the socket. */
    void ended(TrackedSocket socket, EndCause cause);
}
