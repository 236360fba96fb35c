package dev.tcpflight.agent.tracking;

import dev.tcpflight.schema.Trigger;

/** What the instrumentation saw a socket do; the state machine turns observations into transitions. */
public enum Observation {
    LISTENING(Trigger.LISTEN),
    CONNECT_START(Trigger.CONNECT),
    CONNECT_OK(Trigger.CONNECT),
    CONNECT_REFUSED(Trigger.CONNECT_REFUSED),
    CONNECT_TIMEOUT(Trigger.CONNECT_TIMEOUT),
    CONNECT_FAILED(Trigger.CONNECT_FAILED),
    ACCEPTED(Trigger.ACCEPT),
    /** A read returned -1 on a socket whose input this side did not shut down: the peer's FIN. */
    READ_EOF(Trigger.READ_EOF),
    /**
     * The kernel holds the peer's FIN, unread by the application: found before a close or shutdown, or by the
     * periodic look at open connections ({@link ConnectionTracker#findPeerCloses}).
     */
    PEER_FIN_FOUND(Trigger.FIN_FOUND),
    /** SHUT_RD sends nothing on the wire: it changes no state, so it has no trigger. */
    SHUTDOWN_INPUT(null),
    SHUTDOWN_OUTPUT(Trigger.SHUTDOWN_OUTPUT),
    CLOSE(Trigger.CLOSE),
    /** close() with SO_LINGER 0: the kernel sends RST instead of FIN. */
    ABORTIVE_CLOSE(Trigger.ABORTIVE_CLOSE),
    /** "Connection reset" (or a broken pipe after one) on read or write: the peer sent RST. */
    RESET(Trigger.RESET);

    private final Trigger trigger;

    Observation(Trigger trigger) {
        this.trigger = trigger;
    }

    /** The {@code trigger} field of the transitions this observation causes. */
    public Trigger trigger() {
        return trigger;
    }
}
